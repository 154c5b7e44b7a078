// Deployment calls of the SDK (our contract, docs/api/openapi.yaml): the firmware and app catalogs, the
// resource library, configurations, deployments and the task history.
import type {CloudClient} from './client.js'
import type {ListOptions, RequestOptions} from './types.js'

/** The kinds of files the resource library holds. */
export type ResourceType = 'firmware' | 'app' | 'ucf' | 'bundle'

/** A firmware build of the catalog. */
export interface FirmwareBuild {
  build: string
  buildType: string
  version: string
  models: string[]
  recommended: boolean
  url: string
}

/** An app of the standard eSF catalog. */
export interface CatalogApp {
  id: string
  name: string
  version: string
  category: string
  description?: string
  minMemoryMb: number
  models: string[]
}

/** What the cloud read from an uploaded eSF app. */
export interface AppDetails {
  name: string
  id: string
  version: string
  minMemoryMb: number
  models: string[]
  payloadBytes: number
}

/** A file of the resource library. */
export interface Resource {
  id: string
  organizationId: string
  name: string
  type: ResourceType
  description: string | null
  fileName: string | null
  size: number | null
  sha256: string | null
  /** firmware: FirmwareBuild; app: AppDetails; ucf: {settings}; bundle: {entries}. */
  details: Partial<FirmwareBuild & AppDetails & {settings: number; entries: number}>
  dateCreated: number
  dateModified: number
}

/** A resource to create or replace. */
export interface ResourceInput {
  name: string
  type: ResourceType
  description?: string | null
  /** Firmware: build name or support-center URL. */
  reference?: string
  fileName?: string
  /** The file, base64. */
  content?: string
}

/** An app of a configuration. */
export interface ConfigurationApp {
  source: 'catalog' | 'library'
  id: string
  name: string
  version: string | null
}

/** A configuration: firmware, apps and settings files deployed together. */
export interface Configuration {
  id: string
  organizationId: string
  name: string
  description: string | null
  recommendedFirmware: boolean
  firmware: Array<{resourceId: string; name: string; build: string | null; models: string[]}>
  apps: ConfigurationApp[]
  settings: Array<{resourceId: string; name: string; type: ResourceType | null}>
  isDefault: boolean
  deployed: boolean
  deployedAt: number | null
  dateCreated: number
  dateModified: number
}

/** A configuration to create or replace (resources by id). */
export interface ConfigurationInput {
  name: string
  description?: string | null
  recommendedFirmware?: boolean
  firmware?: string[]
  apps?: Array<{source: 'catalog' | 'library'; id: string}>
  settings?: string[]
}

/** A maintenance window: start, time zone, length. */
export interface ScheduleInput {
  startAt: number
  timeZone: string
  windowMinutes: number
}

/** What a deployment does. */
export type DeploymentKind = 'deploy-configuration' | 'deploy-files' | 'update-firmware'

/** A deployment to start. */
export interface DeploymentInput {
  kind: DeploymentKind
  printers: string[]
  configurationId?: string
  files?: Array<{fileName: string; content: string}>
  name?: string
  schedule?: ScheduleInput
}

/** The status of a task. */
export type TaskStatus = 'scheduled' | 'running' | 'succeeded' | 'partial' | 'failed' | 'expired'
/** The status of one printer within a task. */
export type PrinterTaskStatus = 'scheduled' | 'pending' | 'running' | 'succeeded' | 'failed' | 'expired'

/** One step of a printer's task (a firmware, an app, a settings file). */
export interface TaskStep {
  kind: 'firmware' | 'app' | 'settings'
  name: string
  version: string | null
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'expired'
  reason: string | null
}

/** One printer of a task. */
export interface TaskPrinter {
  serialNumber: string
  modelName: string | null
  status: PrinterTaskStatus
  reason: string | null
  step: number
  steps: TaskStep[]
  firmwareBefore: string | null
  firmwareAfter: string | null
  startedAt: number | null
  finishedAt: number | null
  updatedAt: number
}

/** Printers of a task, counted by status. */
export interface TaskSummary {
  total: number
  scheduled: number
  pending: number
  running: number
  succeeded: number
  failed: number
  expired: number
}

/** A task of the history: a deployment, a firmware update, an enrollment. */
export interface DeployTask {
  id: string
  kind: string
  name: string | null
  status: string
  detail: string | null
  serialNumber: string | null
  configurationId: string | null
  configurationName: string | null
  schedule: (ScheduleInput & {windowEndsAt: number}) | null
  startedAt: number | null
  finishedAt: number | null
  summary: TaskSummary | null
  printers?: TaskPrinter[]
  createdAt: number
  updatedAt: number
}

/** A printer a configuration was deployed to, and how it went. */
export interface ConfigurationPrinter {
  serialNumber: string
  status: PrinterTaskStatus
  taskId: string
  reason: string | null
  updatedAt: number
}

/** Task statuses after which nothing changes any more. */
export const FINAL_TASK_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'partial', 'failed', 'expired'])

/** Which tasks to list. */
export interface TaskFilter extends ListOptions {
  kind?: string
  status?: string
}

async function all<T>(it: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

/** `client.firmware`: the firmware catalog. */
export class Firmware {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The build a name or support-center URL designates (404 when there is none). */
  verify(reference: string, opts: RequestOptions = {}): Promise<FirmwareBuild> {
    return this.c.call<FirmwareBuild>('verifyFirmware', {body: {reference}, signal: opts.signal})
  }
}

/** `client.apps`: the standard eSF application catalog. */
export class Apps {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every app of the catalog. */
  list(opts: RequestOptions = {}): Promise<CatalogApp[]> {
    return all(this.c.paginate<CatalogApp>('listCatalogApps', opts))
  }
}

/** `client.resources`: the resource library. */
export class Resources {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every resource of the organization, or those of one type. */
  list(orgId: string, type?: ResourceType, opts: RequestOptions = {}): Promise<Resource[]> {
    return all(this.c.paginate<Resource>('listResources', {params: {orgId}, query: {type}, signal: opts.signal}))
  }

  /** Uploads a resource (or names a firmware build). */
  create(orgId: string, input: ResourceInput, opts: RequestOptions = {}): Promise<Resource> {
    return this.c.call<Resource>('createResource', {body: input, params: {orgId}, signal: opts.signal})
  }

  /** Replaces a resource. */
  update(orgId: string, resourceId: string, input: ResourceInput, opts: RequestOptions = {}): Promise<Resource> {
    return this.c.call<Resource>('updateResource', {body: input, params: {orgId, resourceId}, signal: opts.signal})
  }

  /** Deletes a resource (409 while a configuration uses it). */
  delete(orgId: string, resourceId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('deleteResource', {params: {orgId, resourceId}, signal: opts.signal})
  }
}

/** `client.configs`: configurations. */
export class Configs {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every configuration of the organization. */
  list(orgId: string, opts: RequestOptions = {}): Promise<Configuration[]> {
    return all(this.c.paginate<Configuration>('listConfigurations', {params: {orgId}, signal: opts.signal}))
  }

  /** One configuration by id. */
  get(orgId: string, configId: string, opts: RequestOptions = {}): Promise<Configuration> {
    return this.c.call<Configuration>('getConfiguration', {params: {configId, orgId}, signal: opts.signal})
  }

  /** Creates a configuration. */
  create(orgId: string, input: ConfigurationInput, opts: RequestOptions = {}): Promise<Configuration> {
    return this.c.call<Configuration>('createConfiguration', {body: input, params: {orgId}, signal: opts.signal})
  }

  /** Replaces a configuration. */
  update(orgId: string, configId: string, input: ConfigurationInput, opts: RequestOptions = {}): Promise<Configuration> {
    return this.c.call<Configuration>('updateConfiguration', {body: input, params: {configId, orgId}, signal: opts.signal})
  }

  /** Deletes a configuration. */
  delete(orgId: string, configId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('deleteConfiguration', {params: {configId, orgId}, signal: opts.signal})
  }

  /** Copies a configuration under a new name, into this organization or another one. */
  copy(orgId: string, configId: string, name: string, opts: RequestOptions & {targetOrgId?: string} = {}): Promise<Configuration> {
    return this.c.call<Configuration>('copyConfiguration', {
      body: {name, organizationId: opts.targetOrgId},
      params: {configId, orgId},
      signal: opts.signal,
    })
  }

  /** Makes it the default configuration (deployed to newly enrolled printers). */
  setDefault(orgId: string, configId: string, opts: RequestOptions = {}): Promise<Configuration> {
    return this.c.call<Configuration>('setDefaultConfiguration', {params: {configId, orgId}, signal: opts.signal})
  }

  /** Makes it no longer the default configuration. */
  unsetDefault(orgId: string, configId: string, opts: RequestOptions = {}): Promise<Configuration> {
    return this.c.call<Configuration>('unsetDefaultConfiguration', {params: {configId, orgId}, signal: opts.signal})
  }

  /** The printers it was deployed to, with their last status. */
  printers(orgId: string, configId: string, opts: RequestOptions = {}): Promise<ConfigurationPrinter[]> {
    return all(this.c.paginate<ConfigurationPrinter>('configurationPrinters', {params: {configId, orgId}, signal: opts.signal}))
  }
}

/** `client.deployments`: deploy a configuration, files or firmware. */
export class Deployments {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Starts (or schedules) a deployment: the answer is its task. */
  create(orgId: string, input: DeploymentInput, opts: RequestOptions = {}): Promise<DeployTask> {
    return this.c.call<DeployTask>('createDeployment', {body: input, params: {orgId}, signal: opts.signal})
  }
}

/** `client.tasks`: the task history. */
export class Tasks {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** The organization's tasks, newest first, filtered. */
  list(orgId: string, filter: TaskFilter = {}): AsyncGenerator<DeployTask> {
    return this.c.paginate<DeployTask>('listTasks', {...filter, params: {orgId}, query: {kind: filter.kind, status: filter.status}})
  }

  /** One task with its printers. */
  get(orgId: string, taskId: string, opts: RequestOptions = {}): Promise<DeployTask> {
    return this.c.call<DeployTask>('getTask', {params: {orgId, taskId}, signal: opts.signal})
  }

  /** Renames a task or moves a scheduled one's window (until it starts). */
  update(
    orgId: string,
    taskId: string,
    change: {name?: string; schedule?: Partial<ScheduleInput>},
    opts: RequestOptions = {},
  ): Promise<DeployTask> {
    return this.c.call<DeployTask>('updateTask', {body: change, params: {orgId, taskId}, signal: opts.signal})
  }

  /** Deletes a scheduled task (until it starts). */
  delete(orgId: string, taskId: string, opts: RequestOptions = {}): Promise<void> {
    return this.c.call<void>('deleteTask', {params: {orgId, taskId}, signal: opts.signal})
  }
}
