// The package's library face (`import {CloudClient} from 'lcs'`, the same as 'lcs/sdk'): the cloud SDK
// without the CLI (loading it loads none of the CLI's dependencies; a test checks). Discovery is its own
// subpath, 'lcs/discovery'.
export {
  Apps, Assets, BADGES_BATCH_MAX, Badges, CloudClient, Configs, Deployments, EnrollmentCodes, FINAL_TASK_STATUSES, Firmware, Groups, LoginConfig, MAX_PAGE_SIZE, MAX_PAGES, MPS_CONTACTS_BATCH_MAX, MpsContacts,
  Organizations, PREENROLL_BATCH_MAX, Preenrollments, Printers, RESPONSE_LIMITS, Resources, Tasks, USERS_BATCH_MAX, Users,
} from './cloud/index.js'
export type {
  AppDetails, Asset, AssetAlert, AssetCounters, AssetSupply, AssetView, Badge, BadgeItem, BatchItemResult, BatchOptions, BatchResponse, CallOptions, CatalogApp, CloudClientOptions, Configuration,
  ConfigurationApp, ConfigurationInput, ConfigurationPrinter, Credentials, DeploymentInput, DeploymentKind, DeployTask, EnrolledPrinter, EnrollmentCode, Endpoints, FirmwareBuild, Group, ListOptions,
  Logger, MpsContact, MpsContactItem, Organization, Outcome, Page, PinGeneration, PinPolicy, PreenrollItem, Preenrollment, PrinterFilter, PrinterTaskStatus, Region, RequestOptions, Resource, ResponseSize,
  ResourceInput, ResourceType, RouteName, ScheduleInput, StoredLoginOptions, TaskFilter, TaskPrinter, TaskStatus, TaskStep, TaskSummary, TokenInfo, TokenResponse, TokenState, TransportOptions, User,
  UserItem,
} from './cloud/index.js'
export {ExitCode, LcsError, type ErrorDetail, type ErrorKind} from './errors.js'
