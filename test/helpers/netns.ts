// Throwaway network namespaces for tests that send real (multicast) packets: the traffic never reaches the
// host's interfaces. Node cannot switch namespaces per socket, so the code under test runs in child processes
// started with `ip netns exec`. Everything created here is removed in `cleanup()` and, as a last resort, on exit.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'

const IP = existsSync('/usr/sbin/ip') ? '/usr/sbin/ip' : 'ip'
const namespaces = new Set<string>()
const children = new Set<ChildProcess>()

export function ip(...args: string[]): string {
  return execFileSync(IP, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000})
}

/** Why namespace tests cannot run here (for `test(..., {skip})`), or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux'
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root'
  const probe = `lcs-probe-${process.pid}`
  try {
    ip('netns', 'add', probe)
    ip('netns', 'del', probe)
    return undefined
  } catch (e) {
    return `cannot create a network namespace (${(e as Error).message.split('\n')[0]})`
  }
}

export function addNetns(name: string): string {
  ip('netns', 'add', name)
  namespaces.add(name)
  ip('-n', name, 'link', 'set', 'lo', 'up')
  return name
}

/**
 * Waits until the kernel reports the link as running (operstate UP). A fresh veth end takes up to a second
 * (linkwatch batches carrier events); before that, getifaddrs (os.networkInterfaces) omits its address.
 */
export async function waitLinkUp(ns: string, dev: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!/\bUP\b/.test(ip('-n', ns, '-br', 'link', 'show', 'dev', dev).split(/\s+/)[1] ?? '')) {
    if (Date.now() > end) throw new Error(`${dev} in ${ns} did not come up within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export interface NetnsChild {
  child: ChildProcess
  /** Resolves with the first stdout line that satisfies `match`, rejects if the child exits first. */
  line(match: (line: string) => boolean): Promise<string>
  /** Resolves with all stdout when the child exits with status 0. */
  done: Promise<string>
  stop(): void
}

/** Runs `node --import tsx <script> ...args` inside the namespace, killed after `timeoutMs` whatever happens. */
export function spawnInNetns(ns: string, script: string, args: string[], timeoutMs = 8000): NetnsChild {
  const child = spawn(IP, ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
  children.add(child)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  let out = ''
  let err = ''
  const waiters: Array<() => void> = []
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
    waiters.forEach((w) => w())
  })
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer)
      children.delete(child)
      resolve(code)
    }),
  )
  const done = exited.then((code) => {
    if (code !== 0) throw new Error(`child in ${ns} exited with ${code}: ${err.trim()}`)
    return out
  })
  done.catch(() => {}) // observed by whoever awaits it
  return {
    child,
    done,
    stop: () => void child.kill('SIGTERM'),
    line: (match) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = out.split('\n').find(match)
          if (hit !== undefined) resolve(hit)
        }
        waiters.push(check)
        check()
        void exited.then((code) => reject(new Error(`child in ${ns} exited with ${code} before the expected output: ${err.trim()}`)))
      }),
  }
}

/** Kills the children and deletes the namespaces (veth pairs go with them). */
export async function cleanup(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.once('exit', () => resolve())
          c.kill('SIGTERM')
          setTimeout(() => c.kill('SIGKILL'), 2000).unref()
        }),
    ),
  )
  for (const ns of namespaces) {
    try {
      ip('netns', 'del', ns)
    } catch {
      // already gone
    }
    namespaces.delete(ns)
  }
}

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
  for (const ns of namespaces) {
    try {
      execFileSync(IP, ['netns', 'del', ns], {stdio: 'ignore', timeout: 5000})
    } catch {
      // nothing more to do at exit
    }
  }
})
