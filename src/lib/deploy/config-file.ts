// The JSON Schema of rollout files (docs/rollout.schema.json, published with the package) and the
// single-configuration files of `lcs configs create|update -f config.yaml`, which use its
// `configuration` definition: one format for both, checked with line numbers.
import {readFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'

import {LcsError, readFailure} from '../errors.js'
import type {ConfigSpec} from './configs.js'
import type {SchemaObject} from './schema.js'
import {decodeYaml, YamlSource} from './yaml-source.js'

let cached: SchemaObject | undefined

/** docs/rollout.schema.json (same depth from src/lib/deploy and dist/lib/deploy). */
export function rolloutSchema(): SchemaObject {
  cached ??= JSON.parse(readFileSync(new URL('../../../docs/rollout.schema.json', import.meta.url), 'utf8')) as SchemaObject
  return cached
}

/** The largest rollout or configuration file read (far above any real one: it is read whole). */
const MAX_SOURCE_BYTES = 4 * 2 ** 20

export async function readSource(path: string): Promise<YamlSource> {
  let buf: Buffer
  try {
    // stat before reading: a FIFO or device would never end
    const st = await stat(path)
    if (!st.isFile())
      throw new LcsError('usage', `${path} is not a regular file (a device, FIFO or directory): give the path of a YAML file.`)
    if (st.size > MAX_SOURCE_BYTES)
      throw new LcsError('badData', `${path} is larger than ${MAX_SOURCE_BYTES / 2 ** 20} MiB: not a rollout file.`)
    buf = await readFile(path)
  } catch (error) {
    throw readFailure(path, error)
  }
  return new YamlSource(path, decodeYaml(path, buf))
}

/** A configuration file: the `configuration` of the rollout schema, checked with line numbers. */
export async function loadConfigFile(path: string): Promise<{spec: ConfigSpec & {state?: string}; source: YamlSource}> {
  const source = await readSource(path)
  const spec = source.checked({$ref: '#/$defs/configuration'}, rolloutSchema(), 'configuration') as ConfigSpec & {state?: string}
  if (spec.state === 'absent')
    throw source.refuse(
      [{message: 'state: absent belongs in a rollout file (lcs apply); use lcs configs delete here', path: ['state']}],
      'configuration',
    )
  return {source, spec}
}
