// Following a task until it is final: one poll of the task (with every printer's progress) per interval,
// and the changes since the previous poll handed to the caller (per-printer progress on screen).
import {type CloudClient, type DeployTask, FINAL_TASK_STATUSES, type TaskPrinter} from '../cloud/index.js'

interface WatchOptions {
  pollMs?: number
  onUpdate?: (task: DeployTask, changed: TaskPrinter[]) => void
  sleep?: (ms: number) => Promise<void>
}

const key = (p: TaskPrinter) => `${p.status}:${p.step}`

export async function watchTask(client: CloudClient, orgId: string, taskId: string, opts: WatchOptions = {}): Promise<DeployTask> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const seen = new Map<string, string>()
  for (;;) {
    const task = await client.tasks.get(orgId, taskId)
    const changed = (task.printers ?? []).filter((p) => seen.get(p.serialNumber) !== key(p))
    for (const p of changed) seen.set(p.serialNumber, key(p))
    opts.onUpdate?.(task, changed)
    if (FINAL_TASK_STATUSES.has(task.status)) return task
    await sleep(opts.pollMs ?? 1000)
  }
}

/** A finished task where some printer failed or expired (the command exits 9, partial failure). */
export function taskPartlyFailed(task: DeployTask): boolean {
  const s = task.summary
  if (task.status === 'succeeded' && (!s || (s.failed === 0 && s.expired === 0))) return false
  return FINAL_TASK_STATUSES.has(task.status)
}
