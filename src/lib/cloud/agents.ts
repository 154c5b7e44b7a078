// SDK namespace for Fleet Agents (our contract): definitions, activation codes, and the calls an
// activated agent makes with the token its activation code gave it.
import type {FleetAgentDefinition} from '../agents/index.js'
import type {CloudClient} from './client.js'

export interface FleetAgent {
  id: string
  organizationId: string
  name: string
  /** Not activated, Communicating or Deactivated. */
  status: string
  activatedAt: number | null
  lastCommunication: number | null
  createdAt: number
  /** Printers enrolled through it. */
  printers: number
  /** Of those, the MPS Express and MPS Express (Pending) ones: such an agent cannot be deleted or deactivated. */
  mpsPrinters: number
  /** The version the agent reported (null until it activates). */
  version: string | null
  /** The current Fleet Agent version; below it the agent is down-level (001) and an update is available. */
  latestVersion: string
  updateAvailable: boolean
  /** Its definition, SNMP secrets shown as "(set)". */
  definition: FleetAgentDefinition
  /** The guide's overlap warning, naming both agents (on create and update). */
  warnings?: string[]
  /** From its last discovery: each SNMP profile under which no printer answered ("SNMP profile "X" matched no printer in …"). */
  unmatched?: string[]
}

/** A task on the agent's queue: Discover & Enroll Printers, Refresh all printer information, MIB walk, Update. */
export interface FleetAgentTask {
  id: string
  agentId: string
  kind: 'discover' | 'refresh' | 'mib-walk' | 'update'
  /** The printer a MIB walk is for. */
  address: string | null
  /** The version an update installs. */
  version: string | null
  /** queued → running (the agent took it on its cycle) → succeeded | failed; canceled on deactivation. */
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled'
  detail: string | null
  /** A MIB walk's log was uploaded (download it with get). */
  hasLog: boolean
  /** Only from get: the uploaded log. */
  log?: string | null
  createdAt: number
  updatedAt: number
}

export interface ActivationCode {
  code: string
  expiresAt: number
}

export class FleetAgents {
  constructor(private readonly client: CloudClient) {}

  list(orgId: string): AsyncGenerator<FleetAgent> {
    return this.client.paginate<FleetAgent>('listFleetAgents', {params: {orgId}})
  }

  get(orgId: string, agentId: string): Promise<FleetAgent> {
    return this.client.call<FleetAgent>('getFleetAgent', {params: {agentId, orgId}})
  }

  create(orgId: string, definition: FleetAgentDefinition): Promise<FleetAgent> {
    return this.client.call<FleetAgent>('createFleetAgent', {body: definition, params: {orgId}})
  }

  update(orgId: string, agentId: string, definition: FleetAgentDefinition): Promise<FleetAgent> {
    return this.client.call<FleetAgent>('updateFleetAgent', {body: definition, params: {agentId, orgId}})
  }

  delete(orgId: string, agentId: string): Promise<void> {
    return this.client.call<void>('deleteFleetAgent', {params: {agentId, orgId}})
  }

  /** Deactivates the agent: its printers are unenrolled; definition and device data stay (restore: a new activation code). */
  deactivate(orgId: string, agentId: string): Promise<FleetAgent> {
    return this.client.call<FleetAgent>('deactivateFleetAgent', {params: {agentId, orgId}})
  }

  /** Queues a task the agent runs on its next cycle; a MIB walk names the printer's address. */
  queueTask(orgId: string, agentId: string, kind: FleetAgentTask['kind'], address?: string): Promise<FleetAgentTask> {
    return this.client.call<FleetAgentTask>('queueFleetAgentTask', {body: {address, kind}, params: {agentId, orgId}})
  }

  /** The agent's tasks, newest first. */
  tasks(orgId: string, agentId: string): AsyncGenerator<FleetAgentTask> {
    return this.client.paginate<FleetAgentTask>('listFleetAgentTasks', {params: {agentId, orgId}})
  }

  /** One task, with its log. */
  task(orgId: string, agentId: string, taskId: string): Promise<FleetAgentTask> {
    return this.client.call<FleetAgentTask>('getFleetAgentTask', {params: {agentId, orgId, taskId}})
  }

  /** A new activation code (valid 72 hours, used once). */
  activationCode(orgId: string, agentId: string): Promise<ActivationCode> {
    return this.client.call<ActivationCode>('fleetAgentActivationCode', {params: {agentId, orgId}})
  }
}
