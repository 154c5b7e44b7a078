// Rollout files planned in-process against a sandbox the test file starts (and stops) itself.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before} from 'node:test'

import {tempDir} from './cli.js'
import {CloudClient} from '../../src/lib/cloud/index.js'
import {LcsError} from '../../src/lib/errors.js'
import {runSandbox} from '../../src/lib/sandbox/daemon.js'
import {createContext, loadRollout, planRollout} from '../../src/lib/rollout/rollout.js'

type Sandbox = Awaited<ReturnType<typeof runSandbox>>

/** Starts a sandbox for the test file (with the seeded client's credentials) and plans files written to `dir`. */
export function rolloutSandbox() {
  const s = {client: undefined as unknown as CloudClient, dataDir: tempDir(), dir: tempDir(), sandbox: undefined as unknown as Sandbox}
  before(async () => {
    s.sandbox = await runSandbox({dataDir: s.dataDir, port: 0})
    const {info} = s.sandbox
    s.client = new CloudClient({
      credentials: {clientId: info.clientId, clientSecret: info.clientSecret, kind: 'client'},
      endpoints: {apis: info.apiUrl, idp: info.apiUrl},
    })
  })
  after(() => s.sandbox.stop())

  /** Writes the file and plans it (with the partner organization active). */
  async function plan(name: string, text: string) {
    const file = join(s.dir, name)
    writeFileSync(file, text)
    const ctx = createContext(await loadRollout(file), {activeOrgId: s.sandbox.info.orgId, client: s.client, wait: false})
    return {ctx, items: await planRollout(ctx)}
  }

  /** The problems of a file the plan refuses (exit 7), as "line:column path: message". */
  async function refused(name: string, text: string): Promise<string[]> {
    try {
      await plan(name, text)
    } catch (error) {
      assert.ok(error instanceof LcsError, String(error))
      assert.equal(error.exitCode, 7)
      return error.details!.map((d) => `${d.field!.split(':').slice(1).join(':')} ${d.message}`)
    }
    assert.fail('expected a refusal')
  }

  return Object.assign(s, {plan, refused})
}
