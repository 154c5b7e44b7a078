// `sandbox start --fleet-agent NAME`: a simulated Fleet Agent run inside the sandbox process. It takes the
// definition of that name (or id) in the partner organization, or creates one that searches the local
// network (the simulated printers' block), activates it with a fresh activation code — as an installed
// agent would be activated — and runs its cycles until the sandbox stops.
import {newDefinition} from '../agents/index.js'
import {runFleetAgent} from './agent.js'
import * as agents from './store/agents.js'
import type {Db} from './store/sqlite.js'
import type {SandboxState} from './state.js'

export interface HostedAgentOptions {
  /** Name or id of the Fleet Agent definition. */
  name: string
  /** Sandbox seconds per real second for its refresh interval. */
  timeScale: number
}

export interface HostedAgent {
  agentId: string
  stop(): Promise<void>
}

export function startHostedAgent(
  db: Db,
  state: SandboxState,
  orgId: string,
  o: HostedAgentOptions,
  log: (line: string) => void,
): HostedAgent {
  const row =
    agents.getAgent(db, o.name) ?? agents.findAgentByName(db, orgId, o.name) ?? agents.createAgent(db, orgId, newDefinition(o.name))
  const {code} = agents.newActivationCode(db, row.id)
  const stop = new AbortController()
  const running = runFleetAgent({
    code,
    log: (line) => log(`fleet agent "${row.name}": ${line}`),
    maxRunMs: Number.POSITIVE_INFINITY,
    sandbox: state,
    signal: stop.signal,
    timeScale: o.timeScale,
  }).catch((error: Error) => log(`fleet agent "${row.name}" stopped: ${error.message}`))
  log(`fleet agent "${row.name}" (${row.id}) activating with a fresh code`)
  return {
    agentId: row.id,
    async stop() {
      stop.abort()
      await running
    },
  }
}
