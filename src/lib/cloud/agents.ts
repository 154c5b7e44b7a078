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
  /** Its definition, SNMP secrets shown as "(set)". */
  definition: FleetAgentDefinition
  /** The guide's overlap warning, naming both agents (on create and update). */
  warnings?: string[]
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

  /** A new activation code (valid 72 hours, used once). */
  activationCode(orgId: string, agentId: string): Promise<ActivationCode> {
    return this.client.call<ActivationCode>('fleetAgentActivationCode', {params: {agentId, orgId}})
  }
}
