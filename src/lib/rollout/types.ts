// The rollout model: a file is read and checked (YAML + docs/rollout.schema.json, with lines), then each
// section plans its items against the cloud without changing anything (create / update / delete /
// unchanged, with the fields that differ), then the plan is applied phase by phase.
//
// Extension point: a new top-level section is one more `Section` in
// ./sections.ts plus its definition in docs/rollout.schema.json; it gets the organization (ctx.orgId,
// possibly created by the same run), the file's directory for CSV references (ctx.resolveFile) and the
// same problem reporting with lines (ctx.problem). The people sections (./people-sections.ts) show how a section
// goes through the CSV import engine. See docs/rollout.md.
import type {
  CatalogApp,
  CloudClient,
  Configuration,
  DeployTask,
  EnrolledPrinter,
  LoginMethod,
  ProviderInput,
  Resource,
  TaskPrinter,
  UserItem,
} from '../cloud/index.js'
import type {ConfigSpec, Located, Path, ResourceIndex, YamlSource} from '../deploy/index.js'
import type {Change} from '../csv/index.js'

interface ResourceDoc {
  name: string
  type: 'firmware' | 'app' | 'ucf' | 'bundle'
  description?: string | null
  file?: string
  build?: string
  url?: string
  state?: 'present' | 'absent'
}

type ConfigurationDoc = ConfigSpec & {state?: 'present' | 'absent'}

/** A CSV file in the import format of its section, relative to the rollout file. */
export interface CsvRef {
  file: string
}

/** An inline user: the end state (created or updated to these fields; `state: absent` deletes it). */
export interface UserDoc extends Omit<UserItem, 'operation'> {
  state?: 'present' | 'absent'
}

export interface BadgeDoc {
  badge: string
  email?: string
  temporary?: boolean
  state?: 'present' | 'absent'
}

export interface PinDoc {
  email: string
  pin?: string
}

/** The organization's authentication provider, as the SDK takes it but for the certificate: a PEM file relative to the rollout file. */
export type FederationDoc = {state: 'absent'} | (Omit<ProviderInput, 'certificate'> & {state?: 'present'; certificate: string})

interface DeploymentDoc {
  name?: string
  configuration: string
  targets: {serials?: string[]; tags?: string[]; all?: true}
  wait?: boolean
}

/** A notification policy: created, or updated to the fields given (`state: absent` deletes it). */
export interface PolicyDoc {
  name: string
  /** Guide name or slug: Toner / toner, Waste Toner Bottle / waste-toner-bottle, Last communicated / last-communicated … */
  type?: string
  threshold?: number
  days?: number
  tags?: string[]
  recipients?: string[]
  additionalInfo?: string
  attachData?: boolean
  state?: 'present' | 'absent'
}

export interface RolloutDoc {
  version: 1
  /** The folder the files it names are confined to (default: the rollout file's own). */
  root?: string
  organization?: {name: string; create?: boolean; parent?: string}
  loginSettings?: {
    methods?: LoginMethod[]
    pinGeneration?: 'admin' | 'auto' | 'user'
    pinLength?: number | 'any'
    /** never, 1h–48h, 1d–180d. */
    pinExpiry?: string
  }
  federation?: FederationDoc
  groups?: string[]
  users?: Array<UserDoc | CsvRef>
  badges?: Array<BadgeDoc | CsvRef>
  pins?: Array<PinDoc | CsvRef>
  preenroll?: Array<string | CsvRef>
  resources?: ResourceDoc[]
  configurations?: ConfigurationDoc[]
  deployments?: DeploymentDoc[]
  policies?: PolicyDoc[]
  /** Sections added by later versions. */
  [section: string]: unknown
}

/** Application order: lower phases first. New sections pick phases between these. */
export const PHASE = {
  organization: 0,
  // before anything inside the organization: membership is what gives a partner's user access to it
  accessGroups: 0.5,
  /** A provider removed before the PIN settings change (it decides which are allowed); one set after. */
  removeFederation: 0.75,
  loginSettings: 1,
  federation: 1.5,
  groups: 2,
  users: 3,
  badges: 4,
  pins: 5,
  preenroll: 6,
  roles: 7,
  upsertResources: 10,
  upsertConfigurations: 20,
  deleteConfigurations: 30,
  deleteResources: 40,
  deployments: 50,
  policies: 60,
  mpsEntitlement: 70,
  mpsContacts: 71,
  mpsAssignments: 72,
  mpsAdd: 73,
  mpsContactDeletes: 74,
} as const

export interface PlanItem {
  kind: string
  name: string
  action: Change
  /** For updates: what differs. */
  changes?: string[]
  /** A short explanation (file, build, printers). */
  detail?: string
  /** An item that stands for a CSV file: what its rows do. */
  rows?: Record<Change, number>
  /** Where the item is in the file. */
  path: Path
  phase: number
  /** Items of one phase marked parallel run together (deployments). */
  parallel?: boolean
  /** A step that cannot be undone (MPS Express entitlement, adding printers): shown as such, applied only with --yes or a yes. */
  irreversible?: boolean
  /** `kind:name` keys whose failure makes this item pointless. */
  dependsOn?: string[]
  run?: (ctx: RolloutContext) => Promise<void>
  /** Called when the apply leaves the item as wanted (it was unchanged, or applied): removes what a re-run no longer needs. */
  settle?: () => void
}

export interface RolloutContext {
  client: CloudClient
  source: YamlSource
  doc: RolloutDoc
  /** The organization of the session (for a file without `organization`, and the default parent). */
  activeOrgId: string
  /** The organization acted on; undefined while it is still to be created. */
  orgId?: string
  orgName: string
  catalog: CatalogApp[]
  /** What the cloud has now (empty for an organization that does not exist yet). */
  cloud: {resources: Resource[]; configurations: Configuration[]; printers: EnrolledPrinter[]}
  /** Library resources by name: the cloud's, as the file will leave them (for configuration references). */
  resourceIndex: ResourceIndex
  /** Ids of things found or created, by key `kind:name` (lowercase name). */
  ids: Map<string, string>
  /** Plan-time facts one section leaves for another (e.g. which configurations change). */
  facts: Map<string, unknown>
  problems: Located[]
  /** Notes on the plan that refuse nothing (PINs the organization's settings ignore). */
  warnings: string[]
  /** Wait for deployments to finish (failures then count). */
  wait: boolean
  pollMs?: number
  onTaskUpdate?: (task: DeployTask, changed: TaskPrinter[]) => void
  /** A path in the file relative to the rollout file's directory, as a real path; throws (badData) when outside the file's confinement. */
  resolveFile(path: string): string
  problem(path: Path, message: string, atKey?: boolean): void
}

export interface Section {
  /** Top-level key of the rollout file (and of its schema). */
  key: string
  plan(ctx: RolloutContext): Promise<PlanItem[]>
}

/** An item that updates (naming what differs) when anything differs, and is unchanged otherwise. */
export function updateOrUnchanged(base: Omit<PlanItem, 'action' | 'changes' | 'run'>, changes: string[], run: PlanItem['run']): PlanItem {
  return changes.length ? {...base, action: 'update', changes, run} : {...base, action: 'unchanged'}
}

export const itemKey = (kind: string, name: string) => `${kind}:${name.toLowerCase()}`

/** Names listed twice in a section (in any case) are problems: items are matched by name. */
export function listedTwice(ctx: RolloutContext, section: string, names: string[], key?: string): void {
  const seen = new Set<string>()
  names.forEach((name, i) => {
    if (seen.has(name.toLowerCase())) ctx.problem(key ? [section, i, key] : [section, i], `"${name}" is listed twice in ${section}`)
    seen.add(name.toLowerCase())
  })
}
