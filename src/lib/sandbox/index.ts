// The sandbox's face for its commands: run, detach and stop the cloud emulator, the simulated Fleet Agent,
// its clock and quiet printers (activity), and its outbox.
// Nothing else in the product imports the sandbox; what `lcs login --sandbox` and `lcs sandbox status` need
// is the light second face ./state.ts (the files a running sandbox leaves; no database, no SNMP).
export {runFleetAgent, runLocalAgent, type AgentRunResult, type LocalAgentRunResult} from './agent.js'
export {FLEET_AGENT_VERSION} from './catalog.js'
export {advanceSandbox, parseDuration, setPrinterMode, type AdvanceResult, type QuietResult} from './control.js'
export {runSandbox, startDetached, stopSandbox, type SandboxInfo} from './daemon.js'
export {readOutbox} from './db.js'
export {readState} from './state.js'
