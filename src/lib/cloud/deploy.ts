// Deployment calls of the SDK (our contract, docs/api/openapi.yaml): the firmware and app catalogs, the
// resource library, configurations, deployments and the task history.
import type {CloudClient} from './client.js'

export type ResourceType = 'firmware' | 'app' | 'ucf' | 'bundle'

export interface FirmwareBuild {
  build: string
  buildType: string
  version: string
  models: string[]
  recommended: boolean
  url: string
}

export interface CatalogApp {
  id: string
  name: string
  version: string
  category: string
  description?: string
  minMemoryMb: number
  models: string[]
}

export interface AppDetails {
  name: string
  id: string
  version: string
  minMemoryMb: number
  models: string[]
  payloadBytes: number
}

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

export interface ConfigurationApp {
  source: 'catalog' | 'library'
  id: string
  name: string
  version: string | null
}

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

export interface ConfigurationInput {
  name: string
  description?: string | null
  recommendedFirmware?: boolean
  firmware?: string[]
  apps?: Array<{source: 'catalog' | 'library'; id: string}>
  settings?: string[]
}

export interface ScheduleInput {
  startAt: number
  timeZone: string
  windowMinutes: number
}

export type DeploymentKind = 'deploy-configuration' | 'deploy-files' | 'update-firmware'

export interface DeploymentInput {
  kind: DeploymentKind
  printers: string[]
  configurationId?: string
  files?: Array<{fileName: string; content: string}>
  name?: string
  schedule?: ScheduleInput
}

export type TaskStatus = 'scheduled' | 'running' | 'succeeded' | 'partial' | 'failed' | 'expired'
export type PrinterTaskStatus = 'scheduled' | 'pending' | 'running' | 'succeeded' | 'failed' | 'expired'

export interface TaskStep {
  kind: 'firmware' | 'app' | 'settings'
  name: string
  version: string | null
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'expired'
  reason: string | null
}

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

export interface TaskSummary {
  total: number
  scheduled: number
  pending: number
  running: number
  succeeded: number
  failed: number
  expired: number
}

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

export interface ConfigurationPrinter {
  serialNumber: string
  status: PrinterTaskStatus
  taskId: string
  reason: string | null
  updatedAt: number
}

/** Task statuses after which nothing changes any more. */
export const FINAL_TASK_STATUSES: ReadonlySet<string> = new Set(['succeeded', 'partial', 'failed', 'expired'])

const all = async <T>(it: AsyncGenerator<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

export const verifyFirmware = (c: CloudClient, reference: string) => c.call<FirmwareBuild>('verifyFirmware', {body: {reference}})

export const listCatalogApps = (c: CloudClient) => all(c.paginate<CatalogApp>('listCatalogApps'))

export const listResources = (c: CloudClient, orgId: string, type?: ResourceType) => all(c.paginate<Resource>('listResources', {params: {orgId}, query: {type}}))

export const createResource = (c: CloudClient, orgId: string, input: ResourceInput) => c.call<Resource>('createResource', {body: input, params: {orgId}})

export const updateResource = (c: CloudClient, orgId: string, resourceId: string, input: ResourceInput) => c.call<Resource>('updateResource', {body: input, params: {orgId, resourceId}})

export const deleteResource = (c: CloudClient, orgId: string, resourceId: string) => c.call<void>('deleteResource', {params: {orgId, resourceId}})

export const listConfigurations = (c: CloudClient, orgId: string) => all(c.paginate<Configuration>('listConfigurations', {params: {orgId}}))

export const getConfiguration = (c: CloudClient, orgId: string, configId: string) => c.call<Configuration>('getConfiguration', {params: {configId, orgId}})

export const createConfiguration = (c: CloudClient, orgId: string, input: ConfigurationInput) => c.call<Configuration>('createConfiguration', {body: input, params: {orgId}})

export const updateConfiguration = (c: CloudClient, orgId: string, configId: string, input: ConfigurationInput) => c.call<Configuration>('updateConfiguration', {body: input, params: {configId, orgId}})

export const deleteConfiguration = (c: CloudClient, orgId: string, configId: string) => c.call<void>('deleteConfiguration', {params: {configId, orgId}})

export const copyConfiguration = (c: CloudClient, orgId: string, configId: string, name: string, targetOrgId?: string) =>
  c.call<Configuration>('copyConfiguration', {body: {name, organizationId: targetOrgId}, params: {configId, orgId}})

export const setDefaultConfiguration = (c: CloudClient, orgId: string, configId: string) => c.call<Configuration>('setDefaultConfiguration', {params: {configId, orgId}})

export const unsetDefaultConfiguration = (c: CloudClient, orgId: string, configId: string) => c.call<Configuration>('unsetDefaultConfiguration', {params: {configId, orgId}})

export const configurationPrinters = (c: CloudClient, orgId: string, configId: string) => all(c.paginate<ConfigurationPrinter>('configurationPrinters', {params: {configId, orgId}}))

export const createDeployment = (c: CloudClient, orgId: string, input: DeploymentInput) => c.call<DeployTask>('createDeployment', {body: input, params: {orgId}})

export const getTask = (c: CloudClient, orgId: string, taskId: string) => c.call<DeployTask>('getTask', {params: {orgId, taskId}})

export function listDeployTasks(c: CloudClient, orgId: string, filter: {kind?: string; status?: string; limit?: number} = {}): AsyncGenerator<DeployTask> {
  return c.paginate<DeployTask>('listTasks', {limit: filter.limit, params: {orgId}, query: {kind: filter.kind, status: filter.status}})
}

export const updateTask = (c: CloudClient, orgId: string, taskId: string, change: {name?: string; schedule?: Partial<ScheduleInput>}) =>
  c.call<DeployTask>('updateTask', {body: change, params: {orgId, taskId}})

export const deleteTask = (c: CloudClient, orgId: string, taskId: string) => c.call<void>('deleteTask', {params: {orgId, taskId}})
