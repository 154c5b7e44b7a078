// The sandbox's face for its commands: run, detach and stop the cloud emulator, read its outbox, and the simulated Fleet Agent.
// Nothing else in the product imports the sandbox; what `lcs login --sandbox` and `lcs sandbox status` need
// is the light second face ./state.ts (the files a running sandbox leaves; no database, no SNMP).
export {runFleetAgent, type AgentRunResult} from './agent.js'
export {runSandbox, startDetached, stopSandbox, type SandboxInfo} from './daemon.js'
export {readOutbox} from './db.js'
export {readState} from './state.js'
