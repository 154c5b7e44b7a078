// Waiting for a task on a Fleet Agent's queue: the agent takes it on its next cycle, so a wait is bounded.
import {writeFile} from 'node:fs/promises'

import type {CloudClient, FleetAgentTask} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {findFleetAgent} from './lookup.js'

const DONE = new Set(['succeeded', 'failed', 'canceled'])

export async function waitForTask(
  client: CloudClient,
  orgId: string,
  agentId: string,
  taskId: string,
  o: {timeoutMs: number; pollMs?: number; signal?: AbortSignal},
): Promise<FleetAgentTask> {
  const until = Date.now() + o.timeoutMs
  for (;;) {
    const t = await client.fleetAgents.task(orgId, agentId, taskId)
    if (DONE.has(t.status)) return t
    if (Date.now() >= until)
      throw new LcsError(
        'unavailable',
        `Task ${taskId} is still ${t.status} after ${Math.round(o.timeoutMs / 1000)} s: the agent runs it on its next cycle.`,
        {
          hint: 'Is the Fleet Agent running? Check with `lcs agents fleet show`, then `lcs agents fleet tasks`.',
        },
      )
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 1000))
    if (o.signal?.aborted) throw new LcsError('interrupted', 'Interrupted while waiting for the task.')
  }
}

/** The newest MIB walk of an agent with a log (for one address, if given). */
export async function latestWalk(client: CloudClient, orgId: string, agentId: string, address?: string): Promise<FleetAgentTask> {
  for await (const t of client.fleetAgents.tasks(orgId, agentId))
    if (t.kind === 'mib-walk' && t.hasLog && (!address || t.address === address)) return client.fleetAgents.task(orgId, agentId, t.id)
  throw new LcsError('notFound', `No MIB-walk log${address ? ` for ${address}` : ''} yet.`, {
    hint: 'Request one with `lcs agents fleet log request AGENT ADDRESS`; the agent uploads it on its next cycle.',
  })
}

export interface QueueOptions {
  address?: string
  /** Wait this long (ms) for the agent to run it; 0: only queue it. */
  waitMs: number
  signal?: AbortSignal
}

/** Queues a task on the named agent (and waits for it when asked); a failed task is an error. */
export async function runAgentTask(
  client: CloudClient,
  orgId: string,
  agentRef: string,
  kind: FleetAgentTask['kind'],
  o: QueueOptions,
): Promise<{agentName: string; task: FleetAgentTask}> {
  const agent = await findFleetAgent(client, orgId, agentRef)
  let task = await client.fleetAgents.queueTask(orgId, agent.id, kind, o.address)
  if (o.waitMs > 0) task = await waitForTask(client, orgId, agent.id, task.id, {signal: o.signal, timeoutMs: o.waitMs})
  if (task.status === 'failed' || task.status === 'canceled')
    throw new LcsError('partial', `Task ${task.id} ${task.status}: ${task.detail ?? 'no detail'}`, {result: {task}})
  return {agentName: agent.name, task}
}

/** Writes a downloaded log (0600, like every file this tool writes from the cloud). */
export async function writeLog(file: string, task: FleetAgentTask): Promise<void> {
  await writeFile(file, task.log ?? '', {mode: 0o600})
}
