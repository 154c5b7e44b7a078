// The cloud area's one face: the SDK's client, its namespaces' types, and what the CLI's commands need.
export {AccessGroups, type AccessGroup} from './access-groups.js'
export {
  CloudClient,
  CLI_CLIENT_ID,
  MAX_PAGE_SIZE,
  MAX_PAGES,
  type CallOptions,
  type CloudClientOptions,
  type Credentials,
  type Endpoints,
  type Region,
  type StoredLoginOptions,
  type TokenState,
} from './client.js'
export {
  FINAL_TASK_STATUSES,
  Apps,
  Configs,
  Deployments,
  Firmware,
  Resources,
  Tasks,
  type AppDetails,
  type CatalogApp,
  type Configuration,
  type ConfigurationApp,
  type ConfigurationInput,
  type ConfigurationPrinter,
  type DeploymentInput,
  type DeploymentKind,
  type DeployTask,
  type FirmwareBuild,
  type PrinterTaskStatus,
  type Resource,
  type ResourceInput,
  type ResourceType,
  type ScheduleInput,
  type TaskFilter,
  type TaskPrinter,
  type TaskStatus,
  type TaskStep,
  type TaskSummary,
} from './deploy.js'
export {EnrollmentCodes, Printers, type EnrolledPrinter, type EnrollmentCode, type PrinterFilter} from './enrollment.js'
export {credentialsFromEnv} from './env.js'
export {
  Assets,
  MPS_CONTACTS_BATCH_MAX,
  MpsContacts,
  PREENROLL_BATCH_MAX,
  Preenrollments,
  type AssetView,
  type MpsContact,
  type MpsContactItem,
  type PreenrollItem,
} from './fleet.js'
export {GROUP_MEMBERS_BATCH_MAX, Groups, type GroupDetails, type GroupMember, type MemberItem} from './groups.js'
export {
  errorKindOf,
  LCS_VERSION,
  lazyAxios,
  type Requester,
  RESPONSE_LIMITS,
  text,
  type Logger,
  type ResponseSize,
  type TransportOptions,
} from './http.js'
export {Organizations} from './orgs.js'
export {BADGES_BATCH_MAX, Badges, LoginConfig, USERS_BATCH_MAX, Users, type BadgeItem, type UserItem} from './people.js'
export {
  canonicalRole,
  checkRoles,
  nearestRole,
  ROLE_CATALOG,
  ROLE_NAMES,
  Roles,
  type RoleAssignment,
  type RoleCategory,
  type RoleChange,
  type RoleInfo,
  type UserRoles,
} from './roles.js'
export {ROUTES, type RouteName} from './routes.js'
export type {
  Asset,
  AssetAlert,
  AssetCounters,
  AssetSupply,
  Badge,
  BatchItemResult,
  BatchOptions,
  BatchResponse,
  Group,
  ListOptions,
  Organization,
  Outcome,
  Page,
  PinGeneration,
  PinPolicy,
  Preenrollment,
  RequestOptions,
  TokenInfo,
  TokenResponse,
  User,
} from './types.js'
export {FleetAgents, type ActivationCode, type FleetAgent} from './agents.js'
