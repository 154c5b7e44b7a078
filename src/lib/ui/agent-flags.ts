// The definition flags `agents fleet create` and `agents fleet update` share (secrets never on argv: a
// --from community comes from LCS_SNMP_COMMUNITY).
import {Flags} from '@oclif/core'

import type {DefinitionInput} from '../agents/index.js'

export const agentDefinitionFlags = {
  definition: Flags.file({
    description: 'A Fleet Agent definition (JSON, e.g. `agents fleet show --export`); --name and --description override its own.',
    exclusive: ['from'],
    exists: true,
  }),
  description: Flags.string({description: 'Description of the agent.'}),
  from: Flags.file({description: 'A saved discovery: its "Fleet Agent only" printers become include criteria.', exists: true}),
  name: Flags.string({description: 'Name of the agent.'}),
}

export function definitionInput(flags: {definition?: string; description?: string; from?: string; name?: string}): DefinitionInput {
  return {...flags, community: process.env.LCS_SNMP_COMMUNITY || undefined}
}
