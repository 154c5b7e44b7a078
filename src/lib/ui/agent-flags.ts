// The definition flags `agents fleet create` and `agents fleet update` share: a file, a saved discovery,
// and every field of the Create Fleet Agent form. Secrets never on argv: SNMP communities and v3 keys come
// from the environment (LCS_SNMP_COMMUNITY, LCS_SNMP_AUTH_KEY, LCS_SNMP_PRIV_KEY) or stdin.
import {Flags} from '@oclif/core'

import {DISCOVERY_INTERVALS, LOG_LEVELS, REFRESH_INTERVALS, type DefinitionInput} from '../agents/index.js'
import {registerSecret} from '../redact.js'
import {discoveryFlags, snmpV3Keys} from './discovery-flags.js'
import {readSecretFromStdin} from './stdin.js'

export const agentDefinitionFlags = {
  definition: Flags.file({
    description: 'A Fleet Agent definition (JSON, e.g. `agents fleet show --export`); the other flags override what it holds.',
    exclusive: ['from'],
    exists: true,
  }),
  description: Flags.string({description: 'Description of the agent.'}),
  from: Flags.file({description: 'A saved discovery: its "Fleet Agent only" printers become include criteria.', exists: true}),
  name: Flags.string({description: 'Name of the agent.'}),
  'search-local-network': Flags.boolean({
    description: 'Search Type "Search Local Network" (drops the include criteria).',
    exclusive: ['include', 'from'],
    helpGroup: 'DISCOVERY CRITERIA',
  }),
  include: Flags.string({
    description:
      'Advanced Search: an address to include, TARGET or TARGET@PROFILE (10.1.2.3, 10.1.2.0/24, 10.1.2.1-10.1.2.50, 10.20.**, a host name); repeatable, replaces the include criteria.',
    exclusive: ['from'],
    helpGroup: 'DISCOVERY CRITERIA',
    multiple: true,
  }),
  'include-profile': Flags.string({
    description: 'The SNMP profile of the --include entries without @PROFILE. Default: Default.',
    dependsOn: ['include'],
    helpGroup: 'DISCOVERY CRITERIA',
  }),
  exclude: Flags.string({
    description: 'An address to exclude (same formats); repeatable, replaces the exclude criteria.',
    helpGroup: 'DISCOVERY CRITERIA',
    multiple: true,
  }),
  'transfer-management': Flags.boolean({
    allowNo: true,
    description: 'Transfer management of discovered printers that are already enrolled through another agent.',
    helpGroup: 'DISCOVERY CRITERIA',
  }),
  'snmp-profile': Flags.string({
    description:
      'Add or edit an SNMP profile: "name=N,version=v1|v2c|v3,timeout=1-60,retries=0-20[,user=U,auth=md5|sha,priv=des|aes]"; only the keys given change (name=Default edits the Default profile); repeatable. Its community or v3 keys come from LCS_SNMP_COMMUNITY / --community-stdin or LCS_SNMP_AUTH_KEY, LCS_SNMP_PRIV_KEY / --v3-keys-stdin; an edited profile keeps its own unless one is given.',
    helpGroup: 'SNMP PROFILES',
    multiple: true,
  }),
  'community-stdin': Flags.boolean({
    description: discoveryFlags['community-stdin'].description,
    exclusive: ['v3-keys-stdin'],
    helpGroup: 'SNMP PROFILES',
  }),
  'v3-keys-stdin': Flags.boolean({description: discoveryFlags['v3-keys-stdin'].description, helpGroup: 'SNMP PROFILES'}),
  'discovery-schedule': Flags.string({
    description: `Printer Discovery Task interval: ${DISCOVERY_INTERVALS.join(', ')} (none: run manually only).`,
    helpGroup: 'SCHEDULED TASKS',
  }),
  'discovery-at': Flags.string({description: 'Time of day of the discovery task, HH:MM (24 h).', helpGroup: 'SCHEDULED TASKS'}),
  'discovery-day': Flags.string({
    description: 'Day of the discovery task: sunday … saturday (weekly), 1–28 or last (monthly).',
    helpGroup: 'SCHEDULED TASKS',
  }),
  'refresh-every': Flags.string({
    description: `Refresh Printer Information Task interval: ${REFRESH_INTERVALS.join(', ')}.`,
    helpGroup: 'SCHEDULED TASKS',
  }),
  'log-level': Flags.string({description: `Log level: ${LOG_LEVELS.join(' or ')}.`, helpGroup: 'OTHER SETTINGS'}),
  'network-delay': Flags.integer({
    description: 'Network utilization delay in milliseconds (1–60000; default 250, never zero).',
    helpGroup: 'OTHER SETTINGS',
  }),
}

/** `agents fleet update` also deletes profiles. */
export const agentEditFlags = {
  ...agentDefinitionFlags,
  'delete-snmp-profile': Flags.string({
    description: 'Delete an SNMP profile by name (the Default profile can be edited but not deleted); repeatable.',
    helpGroup: 'SNMP PROFILES',
    multiple: true,
  }),
}

type AgentFlagValues = {
  definition?: string
  description?: string
  from?: string
  name?: string
  'search-local-network'?: boolean
  include?: string[]
  'include-profile'?: string
  exclude?: string[]
  'transfer-management'?: boolean
  'snmp-profile'?: string[]
  'delete-snmp-profile'?: string[]
  'community-stdin'?: boolean
  'v3-keys-stdin'?: boolean
  'discovery-schedule'?: string
  'discovery-at'?: string
  'discovery-day'?: string
  'refresh-every'?: string
  'log-level'?: string
  'network-delay'?: number
}

/** The flags as a definition input; secrets read from stdin or `env` (only what is set: unset keeps). */
export async function definitionInput(flags: AgentFlagValues, env: NodeJS.ProcessEnv): Promise<DefinitionInput> {
  const community = flags['community-stdin'] ? await readSecretFromStdin('the SNMP community') : env.LCS_SNMP_COMMUNITY || undefined
  registerSecret(community)
  const {authKey, privKey} = await snmpV3Keys(Boolean(flags['v3-keys-stdin']), env)
  return {
    authKey: authKey || undefined,
    community,
    definition: flags.definition,
    description: flags.description,
    fields: {
      deleteSnmpProfiles: flags['delete-snmp-profile'],
      discoveryAt: flags['discovery-at'],
      discoveryDay: flags['discovery-day'],
      discoverySchedule: flags['discovery-schedule'],
      exclude: flags.exclude,
      include: flags.include,
      logLevel: flags['log-level'],
      networkDelay: flags['network-delay'],
      profile: flags['include-profile'],
      refreshEvery: flags['refresh-every'],
      searchLocalNetwork: flags['search-local-network'],
      snmpProfiles: flags['snmp-profile'],
      transferManagement: flags['transfer-management'],
    },
    from: flags.from,
    name: flags.name,
    privKey: privKey || undefined,
  }
}
