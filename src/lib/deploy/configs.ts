// Configurations as people write them (names of resources and catalog apps, in deployment order) and as
// the cloud stores them (ids). The same resolution serves `lcs configs create/update` (flags or
// -f config.yaml) and rollout files, where the resources may be created by the same run.
import type {CatalogApp, CloudClient, Configuration, ConfigurationInput, Resource, ResourceType} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {catalogMatch} from './resources.js'
import type {YamlSource} from './yaml-source.js'

type AppRef = string | {catalog: string} | {resource: string}

/** A configuration as written in a file or on the command line. */
export interface ConfigSpec {
  name: string
  description?: string | null
  recommendedFirmware?: boolean
  firmware?: string[]
  apps?: AppRef[]
  settings?: string[]
  default?: boolean
}

interface ResourceIndexEntry {
  name: string
  type: ResourceType
  id?: string
  models?: string[]
}

export type ResourceIndex = Map<string, ResourceIndexEntry>

export interface NormalizedConfig {
  name: string
  description: string | null
  recommendedFirmware: boolean
  /** Resource names. */
  firmware: string[]
  /** Catalog app ids and library resource names. */
  apps: Array<{source: 'catalog' | 'library'; ref: string}>
  settings: string[]
}

interface Problem {
  path: Array<string | number>
  message: string
}

export function indexResources(resources: Array<Pick<Resource, 'id' | 'name' | 'type' | 'details'>>): ResourceIndex {
  return new Map(resources.map((r) => [r.name.toLowerCase(), {id: r.id, models: r.details.models, name: r.name, type: r.type}]))
}

const article = (t: string) => (t === 'app' ? 'an app' : t === 'ucf' ? 'a UCF' : `a ${t}`)

/** Resolves names against the library (and resources planned in the same run) and the catalog. */
export function normalizeConfig(
  spec: ConfigSpec,
  index: ResourceIndex,
  catalog: CatalogApp[],
): {config: NormalizedConfig; problems: Problem[]} {
  const problems: Problem[] = []
  const firmware: string[] = []
  const byModel = new Map<string, string>()
  for (const [i, ref] of (spec.firmware ?? []).entries()) {
    const r = index.get(ref.toLowerCase())
    const path = ['firmware', i]
    if (!r)
      problems.push({
        message: `unknown resource "${ref}": upload it first (lcs resources upload … --type firmware) or list it under resources`,
        path,
      })
    else if (r.type !== 'firmware') problems.push({message: `"${r.name}" is ${article(r.type)} resource, not firmware`, path})
    else if (firmware.some((f) => f.toLowerCase() === r.name.toLowerCase())) problems.push({message: `"${r.name}" is listed twice`, path})
    else {
      for (const m of r.models ?? []) {
        const other = byModel.get(m.toLowerCase())
        if (other)
          problems.push({
            message: `two firmware resources for one model: "${other}" and "${r.name}" both support the ${m} (one per model)`,
            path,
          })
        else byModel.set(m.toLowerCase(), r.name)
      }
      firmware.push(r.name)
    }
  }
  const apps: NormalizedConfig['apps'] = []
  for (const [i, a] of (spec.apps ?? []).entries()) {
    const path = ['apps', i]
    let wanted: {source?: 'catalog' | 'library'; ref: string}
    if (typeof a === 'string') {
      const m = /^(catalog|library):(.+)$/i.exec(a)
      wanted = m ? {ref: m[2].trim(), source: m[1].toLowerCase() as 'catalog' | 'library'} : {ref: a}
    } else wanted = 'catalog' in a ? {ref: a.catalog, source: 'catalog'} : {ref: a.resource, source: 'library'}
    const cat = wanted.source !== 'library' ? catalogMatch(catalog, wanted.ref) : undefined
    const lib = wanted.source !== 'catalog' ? index.get(wanted.ref.toLowerCase()) : undefined
    let picked: NormalizedConfig['apps'][number] | undefined
    if (cat && lib?.type === 'app')
      problems.push({
        message: `"${wanted.ref}" is both a catalog app and a library resource: write {catalog: ${wanted.ref}} or {resource: ${wanted.ref}} (catalog:… or library:… on the command line)`,
        path,
      })
    else if (cat) picked = {ref: cat.id, source: 'catalog'}
    else if (lib && lib.type !== 'app') problems.push({message: `"${lib.name}" is ${article(lib.type)} resource, not an app`, path})
    else if (lib) picked = {ref: lib.name, source: 'library'}
    else
      problems.push({
        message:
          wanted.source === 'catalog'
            ? `no app "${wanted.ref}" in the catalog (see lcs apps list)`
            : wanted.source === 'library'
              ? `unknown resource "${wanted.ref}"`
              : `unknown app "${wanted.ref}": neither a catalog app (lcs apps list) nor a library resource`,
        path,
      })
    if (picked && apps.some((x) => x.source === picked!.source && x.ref.toLowerCase() === picked!.ref.toLowerCase()))
      problems.push({message: `"${wanted.ref}" is listed twice`, path})
    else if (picked) apps.push(picked)
  }
  const settings: string[] = []
  for (const [i, ref] of (spec.settings ?? []).entries()) {
    const r = index.get(ref.toLowerCase())
    const path = ['settings', i]
    if (!r)
      problems.push({
        message: `unknown resource "${ref}": upload it first (lcs resources upload … --type ucf|bundle) or list it under resources`,
        path,
      })
    else if (r.type !== 'ucf' && r.type !== 'bundle')
      problems.push({message: `"${r.name}" is ${article(r.type)} resource, not a settings file (UCF or bundle)`, path})
    else if (settings.some((s) => s.toLowerCase() === r.name.toLowerCase())) problems.push({message: `"${r.name}" is listed twice`, path})
    else settings.push(r.name)
  }
  const config = {
    apps,
    description: spec.description ?? null,
    firmware,
    name: spec.name,
    recommendedFirmware: spec.recommendedFirmware ?? false,
    settings,
  }
  return {config, problems}
}

export function fromCloud(c: Configuration): NormalizedConfig {
  return {
    apps: c.apps.map((a) => ({ref: a.source === 'catalog' ? a.id : a.name, source: a.source})),
    description: c.description,
    firmware: c.firmware.map((f) => f.name),
    name: c.name,
    recommendedFirmware: c.recommendedFirmware,
    settings: c.settings.map((s) => s.name),
  }
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase())

/** The fields that differ between what the cloud has and what is wanted. */
export function diffConfig(have: NormalizedConfig, want: NormalizedConfig): string[] {
  const out: string[] = []
  if (have.name !== want.name) out.push('name')
  if ((have.description ?? '') !== (want.description ?? '')) out.push('description')
  if (have.recommendedFirmware !== want.recommendedFirmware) out.push('recommendedFirmware')
  if (!same(have.firmware, want.firmware)) out.push('firmware')
  if (
    !same(
      have.apps.map((a) => `${a.source}:${a.ref}`),
      want.apps.map((a) => `${a.source}:${a.ref}`),
    )
  )
    out.push('apps')
  if (!same(have.settings, want.settings)) out.push('settings')
  return out
}

export function toInput(n: NormalizedConfig, idOf: (resourceName: string) => string): ConfigurationInput {
  return {
    apps: n.apps.map((a) => ({id: a.source === 'catalog' ? a.ref : idOf(a.ref), source: a.source})),
    description: n.description,
    firmware: n.firmware.map(idOf),
    name: n.name,
    recommendedFirmware: n.recommendedFirmware,
    settings: n.settings.map(idOf),
  }
}

const problemsToDetails = (problems: Problem[]) =>
  problems.map((p) => ({
    field: p.path
      .map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`))
      .join('')
      .replace(/^\./, ''),
    message: p.message,
  }))

/** Resolves a configuration against the organization's library and the catalog; refuses it with every problem (with lines when it came from a file). */
export async function resolveConfig(
  client: CloudClient,
  orgId: string,
  spec: ConfigSpec,
  source?: YamlSource,
): Promise<ConfigurationInput> {
  const [resources, catalog] = await Promise.all([client.resources.list(orgId), client.apps.list()])
  const index = indexResources(resources)
  const {config, problems} = normalizeConfig(spec, index, catalog)
  if (problems.length && source) throw source.refuse(problems, 'configuration')
  if (problems.length)
    throw new LcsError('badData', `Configuration "${spec.name}" is not valid; nothing was changed.`, {details: problemsToDetails(problems)})
  return toInput(config, (name) => index.get(name.toLowerCase())!.id!)
}

interface ConfigFlagValues {
  description?: string
  'recommended-firmware'?: boolean
  firmware?: string[]
  app?: string[]
  settings?: string[]
  default?: boolean
}

export const hasContentFlags = (f: ConfigFlagValues) =>
  f.description !== undefined ||
  f['recommended-firmware'] !== undefined ||
  Boolean(f.firmware?.length || f.app?.length || f.settings?.length)

/** A configuration from command-line flags; for an update, what is not given stays as it is. */
export function specFromFlags(name: string, f: ConfigFlagValues, base?: Configuration): ConfigSpec {
  return {
    apps: f.app ?? base?.apps.map((a) => `${a.source}:${a.source === 'catalog' ? a.id : a.name}`) ?? [],
    default: f.default,
    description: f.description ?? base?.description ?? null,
    firmware: f.firmware ?? base?.firmware.map((x) => x.name) ?? [],
    name,
    recommendedFirmware: f['recommended-firmware'] ?? base?.recommendedFirmware ?? false,
    settings: f.settings ?? base?.settings.map((x) => x.name) ?? [],
  }
}
