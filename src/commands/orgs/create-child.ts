import {Args, Flags} from '@oclif/core'

import {activeOrgId} from '../../lib/auth/index.js'
import {partnerFor} from '../../lib/lookups.js'
import type {Organization} from '../../lib/cloud/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class OrgsCreateChild extends BaseCommand {
  static args = {name: Args.string({ignoreStdin: true, description: 'Name of the new customer organization.', required: true})}

  static summary = 'Create a customer (child) organization under a partner organization'

  static description = `Create a customer (child) organization under your partner organization. Needs the Partner Administrator role. Safe to retry: the request carries an idempotency key, and an existing child with the same name is reported as a conflict (exit 6).`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Contoso Retail"',
    '<%= config.bin %> <%= command.id %> "Acme Corp" --parent "Northwind Partners" --json',
  ]

  static flags = {
    ...cloudFlags,
    parent: Flags.string({description: 'Parent (partner) organization, id or name. Default: the active organization.'}),
  }

  async run(): Promise<Organization> {
    const {args, flags} = await this.parse(OrgsCreateChild)
    const s = await this.session(flags)
    const parent = await partnerFor(s.client, flags.parent ?? (await activeOrgId(s)))
    const org = await s.client.orgs.createChild(parent.id, {name: args.name})
    this.log(`Created ${org.name} (${org.id}) under ${parent.name}.`)
    return org
  }
}
