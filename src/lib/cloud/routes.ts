// Every route the SDK calls, as written in docs/api/openapi.yaml (a test checks both agree).
// `base` says which host serves it: the identity provider or the services host.
export const ROUTES = {
  token: {base: 'idp', method: 'POST', path: '/oauth/token'},
  tokenInfo: {base: 'apis', method: 'GET', path: '/ciam/identity-authorization-service/oauth/token/info'},
  listOrganizations: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations'},
  getOrganization: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}'},
  listChildren: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/children'},
  createChild: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/children'},
  listUsers: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users'},
  usersBatch: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users/batch'},
  lookupUsers: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users/lookup'},
  listGroups: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups'},
  createGroup: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups'},
  listBadges: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/badges'},
  badgesBatch: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/badges/batch'},
  getLoginConfig: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/printer-login-config'},
  setLoginConfig: {base: 'apis', method: 'PUT', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/printer-login-config'},
  // identity federation (our contract): the organization's authentication provider; password-reset e-mails
  getIdentityProvider: {
    base: 'apis',
    method: 'GET',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/authentication-provider',
  },
  setIdentityProvider: {
    base: 'apis',
    method: 'PUT',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/authentication-provider',
  },
  removeIdentityProvider: {
    base: 'apis',
    method: 'DELETE',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/authentication-provider',
  },
  resetUserPassword: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users/{email}/password-reset',
  },
  // roles (our contract): catalog, and the roles of users, groups and organizations
  listRoles: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/roles'},
  getUserRoles: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users/{email}/roles'},
  changeUserRoles: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/users/{email}/roles'},
  getGroupRoles: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}/roles'},
  changeGroupRoles: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}/roles',
  },
  getOrgRoles: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/roles'},
  changeOrgRoles: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/roles'},
  // groups (our contract): one group, rename, delete, members
  getGroup: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}'},
  renameGroup: {base: 'apis', method: 'PATCH', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}'},
  deleteGroup: {base: 'apis', method: 'DELETE', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}'},
  listGroupMembers: {
    base: 'apis',
    method: 'GET',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}/members',
  },
  groupMembersBatch: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/groups/{groupId}/members/batch',
  },
  // Child Organization Access Groups (our contract; partner organizations only)
  listAccessGroups: {base: 'apis', method: 'GET', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/access-groups'},
  createAccessGroup: {base: 'apis', method: 'POST', path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/access-groups'},
  deleteAccessGroup: {
    base: 'apis',
    method: 'DELETE',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/access-groups/{groupId}',
  },
  accessGroupMembersBatch: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/access-groups/{groupId}/members/batch',
  },
  changeAccessGroupRoles: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/access-groups/{groupId}/roles',
  },
  listPreenrollments: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/preenrollments'},
  preenrollmentsBatch: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/preenrollments/batch',
  },
  listMpsContacts: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts'},
  mpsContactsBatch: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts/batch'},
  // MPS Express (our contract, 001)
  createMpsContact: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts'},
  getMpsContact: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts/{contactId}'},
  updateMpsContact: {
    base: 'apis',
    method: 'PUT',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts/{contactId}',
  },
  deleteMpsContact: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/contacts/{contactId}',
  },
  listMpsAssignments: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/assignments'},
  assignMpsContact: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/assignments'},
  mpsEligibility: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/eligibility'},
  addMpsPrinters: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/mps/enrollments'},
  getChildEntitlements: {
    base: 'apis',
    method: 'GET',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/children/{childId}/entitlements',
  },
  addChildEntitlement: {
    base: 'apis',
    method: 'POST',
    path: '/ciam/identity-management-service/v1.0/organizations/{orgId}/children/{childId}/entitlements',
  },
  // Local Agents (our contract): the organization's activation code, the agents and their settings
  getLocalAgentCode: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/activation-code',
  },
  generateLocalAgentCode: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/activation-code',
  },
  updateLocalAgentCode: {
    base: 'apis',
    method: 'PATCH',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/activation-code',
  },
  expireLocalAgentCode: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/activation-code',
  },
  listLocalAgents: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents'},
  updateLocalAgent: {
    base: 'apis',
    method: 'PATCH',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/{agentId}',
  },
  deleteLocalAgent: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/{agentId}',
  },
  deactivateLocalAgent: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/local-agents/{agentId}/deactivate',
  },
  activateLocalAgent: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/local-agents/activations'},
  localAgentReport: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/local-agents/self/printers'},
  assets: {base: 'apis', method: 'GET', path: '/cfm/fleetmgmt-integration-service/v1.0/assets'},
  assetSupplies: {base: 'apis', method: 'GET', path: '/cfm/fleetmgmt-integration-service/v1.0/assets/supplies'},
  assetAlerts: {base: 'apis', method: 'GET', path: '/cfm/fleetmgmt-integration-service/v1.0/assets/alerts'},
  assetCounters: {base: 'apis', method: 'GET', path: '/cfm/fleetmgmt-integration-service/v1.0/assets/counters'},
  assetDiagnostics: {base: 'apis', method: 'GET', path: '/cfm/fleetmgmt-integration-service/v1.0/assets/diagnostics'},
  // fleet management (our contract): Fleet Agents
  listFleetAgents: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents'},
  createFleetAgent: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents'},
  getFleetAgent: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}'},
  updateFleetAgent: {base: 'apis', method: 'PUT', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}'},
  deleteFleetAgent: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}',
  },
  fleetAgentActivationCode: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}/activation-code',
  },
  deactivateFleetAgent: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}/deactivate',
  },
  listFleetAgentTasks: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}/tasks',
  },
  queueFleetAgentTask: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}/tasks',
  },
  getFleetAgentTask: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/fleet-agents/{agentId}/tasks/{taskId}',
  },
  activateFleetAgent: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/fleet-agents/activations'},
  agentClaimTasks: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/fleet-agents/self/tasks/claim'},
  agentFinishTask: {base: 'apis', method: 'PUT', path: '/cfm/fleet-management-service/v1.0/fleet-agents/self/tasks/{taskId}'},
  agentDefinition: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/fleet-agents/self/definition'},
  agentReport: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/fleet-agents/self/printers'},
  // fleet management (our contract): enrollment
  enrollmentCode: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/enrollment-code'},
  emailEnrollmentCode: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/enrollment-code/email',
  },
  claimDeviceCode: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/device-codes/{code}/claim',
  },
  listPrinters: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers'},
  getPrinter: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers/{serial}'},
  unenrollPrinter: {base: 'apis', method: 'DELETE', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers/{serial}'},
  setPrinterTags: {base: 'apis', method: 'PUT', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers/{serial}/tags'},
  refreshPrinter: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers/{serial}/refresh',
  },
  applyPrinterCredentials: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/printers/credentials',
  },
  listTasks: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/tasks'},
  // fleet management (our contract): resources, configurations, deployments, tasks
  verifyFirmware: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/firmware/verify'},
  listCatalogApps: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/apps'},
  listResources: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/resources'},
  createResource: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/resources'},
  getResource: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/resources/{resourceId}'},
  updateResource: {base: 'apis', method: 'PUT', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/resources/{resourceId}'},
  deleteResource: {base: 'apis', method: 'DELETE', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/resources/{resourceId}'},
  listConfigurations: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations'},
  createConfiguration: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations'},
  getConfiguration: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}',
  },
  updateConfiguration: {
    base: 'apis',
    method: 'PUT',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}',
  },
  deleteConfiguration: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}',
  },
  copyConfiguration: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}/copy',
  },
  setDefaultConfiguration: {
    base: 'apis',
    method: 'PUT',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}/default',
  },
  unsetDefaultConfiguration: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}/default',
  },
  configurationPrinters: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/configurations/{configId}/printers',
  },
  createDeployment: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/deployments'},
  getTask: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/tasks/{taskId}'},
  updateTask: {base: 'apis', method: 'PATCH', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/tasks/{taskId}'},
  deleteTask: {base: 'apis', method: 'DELETE', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/tasks/{taskId}'},
  // fleet management (our contract): notification policies and the notification history
  listPolicies: {base: 'apis', method: 'GET', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies'},
  createPolicy: {base: 'apis', method: 'POST', path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies'},
  getPolicy: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies/{policyId}',
  },
  updatePolicy: {
    base: 'apis',
    method: 'PUT',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies/{policyId}',
  },
  deletePolicy: {
    base: 'apis',
    method: 'DELETE',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies/{policyId}',
  },
  duplicatePolicy: {
    base: 'apis',
    method: 'POST',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-policies/{policyId}/duplicate',
  },
  notificationHistory: {
    base: 'apis',
    method: 'GET',
    path: '/cfm/fleet-management-service/v1.0/organizations/{orgId}/notification-history',
  },
} as const

export type RouteName = keyof typeof ROUTES

export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k]
    if (v === undefined) throw new Error(`missing path parameter ${k}`)
    return encodeURIComponent(v)
  })
}
