// SDK calls for Local Agents (our contract, from the guide's "Using the Local Agent"): the organization's
// one activation code (a number of activations, valid 72 hours), the agents, their two settings, and
// deactivating or deleting them.
import type {CloudClient} from './client.js'
import type {ListOptions, RequestOptions} from './types.js'

/** The organization's Local Agent activation code. */
export interface LocalAgentCode {
  code: string
  /** Epoch ms (72 hours after it was generated). */
  expiresAt: number
  /** Activations the code supports. */
  activations: number
  /** Activations left. */
  remaining: number
}

/** Edit Local Agent: log level and the refresh printer information task's polling interval. */
export interface LocalAgentSettings {
  logLevel: 'summary' | 'detailed'
  /** Minutes (15–1440, default 180). */
  pollingIntervalMin: number
}

export interface LocalAgent extends LocalAgentSettings {
  id: string
  organizationId: string
  /** The computer it runs on. */
  hostname: string
  /** Communicating or Deactivated. */
  status: string
  activatedAt: number
  lastCommunication: number | null
  /** USB-attached printers enrolled through it. */
  printers: number
  /** Of those, the MPS Express and MPS Express (Pending) ones: such an agent cannot be deleted or deactivated. */
  mpsPrinters: number
}

/** `client.localAgents`: Local Agents and their activation code. */
export class LocalAgents {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The valid activation code (404 when there is none). */
  code(orgId: string, opts: RequestOptions = {}): Promise<LocalAgentCode> {
    return this.c.call<LocalAgentCode>('getLocalAgentCode', {params: {orgId}, signal: opts.signal})
  }

  /** A new activation code for 1–3000 activations, valid 72 hours; it replaces the previous one. */
  generateCode(orgId: string, activations: number, opts: RequestOptions = {}): Promise<LocalAgentCode> {
    return this.c.call<LocalAgentCode>('generateLocalAgentCode', {body: {activations}, params: {orgId}, signal: opts.signal})
  }

  /** Raises the activations of the valid code (10–3000; the expiry is unchanged). */
  updateCode(orgId: string, activations: number, opts: RequestOptions = {}): Promise<LocalAgentCode> {
    return this.c.call<LocalAgentCode>('updateLocalAgentCode', {body: {activations}, params: {orgId}, signal: opts.signal})
  }

  /** Expires the valid code now. */
  expireCode(orgId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('expireLocalAgentCode', {params: {orgId}, signal: opts.signal})
  }

  list(orgId: string, opts: ListOptions = {}): AsyncGenerator<LocalAgent> {
    return this.c.paginate<LocalAgent>('listLocalAgents', {...opts, params: {orgId}})
  }

  /** Changes an agent's settings (those given). */
  update(orgId: string, agentId: string, settings: Partial<LocalAgentSettings>, opts: RequestOptions = {}): Promise<LocalAgent> {
    return this.c.call<LocalAgent>('updateLocalAgent', {body: settings, params: {agentId, orgId}, signal: opts.signal})
  }

  /** Stops an agent reporting; only a valid activation code activates it again. */
  deactivate(orgId: string, agentId: string, opts: RequestOptions = {}): Promise<LocalAgent> {
    return this.c.call<LocalAgent>('deactivateLocalAgent', {params: {agentId, orgId}, signal: opts.signal})
  }

  /** Deletes an agent and everything about it (the application stays installed on the computer). */
  delete(orgId: string, agentId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('deleteLocalAgent', {params: {agentId, orgId}, signal: opts.signal})
  }

  /**
   * What an installed Local Agent calls with the code (no bearer: the code authorizes); `agentId` reactivates
   * one. The answer carries the token the agent reports its printers with.
   */
  activate(code: string, hostname: string, agentId?: string, opts: RequestOptions = {}): Promise<LocalAgent & {token: string}> {
    return this.c.call<LocalAgent & {token: string}>('activateLocalAgent', {body: {agentId, code, hostname}, signal: opts.signal})
  }
}
