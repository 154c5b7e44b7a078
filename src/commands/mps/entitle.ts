import {Args, Flags} from '@oclif/core'

import type {Entitlements} from '../../lib/cloud/index.js'
import {LcsError} from '../../lib/errors.js'
import {findOrganization} from '../../lib/lookups.js'
import {MPS_EXPRESS} from '../../lib/mps/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class MpsEntitle extends BaseCommand {
  static args = {organization: Args.string({description: 'The child organization (id or name).', required: true})}

  static summary = 'Entitle a child organization to MPS Express'

  static description = `Entitle a child organization to MPS Express, from its parent organization (Account Management > Organization Entitlements). Needs the Partner Administrator and Organization Administrator roles in the parent.

This cannot be undone: only your Lexmark Customer Operations Specialist or MPS Offer Manager can remove the entitlement. Asks first (--yes in scripts). An organization already entitled is unchanged.`

  static examples = [
    '<%= config.bin %> <%= command.id %> "Contoso Retail"',
    '<%= config.bin %> <%= command.id %> "Contoso Retail" --yes --json',
  ]

  static flags = {...cloudFlags, yes: Flags.boolean({char: 'y', description: 'Do not ask for confirmation.'})}

  async run(): Promise<Entitlements & {name: string; outcome: string}> {
    const {args, flags} = await this.parse(MpsEntitle)
    const s = await this.session(flags)
    const org = await findOrganization(s.client, args.organization)
    if (!org.parentId)
      throw new LcsError('usage', `${org.name} has no parent organization: only child organizations are entitled to ${MPS_EXPRESS}.`)
    const now = await s.client.mps.entitlements(org.parentId, org.id)
    if (now.entitlements.includes(MPS_EXPRESS)) {
      this.log(`${org.name} is already entitled to ${MPS_EXPRESS}.`)
      return {...now, name: org.name, outcome: 'unchanged'}
    }
    const question = `Entitle ${org.name} to ${MPS_EXPRESS}? This cannot be undone: only your Lexmark Customer Operations Specialist or MPS Offer Manager can remove it.`
    if (!(await this.confirmed(flags.yes, question, `confirmation to entitle ${org.name} (it cannot be undone)`)))
      throw new LcsError('interrupted', 'Cancelled: nothing was changed.')
    const done = await s.client.mps.entitle(org.parentId, org.id)
    this.log(`${org.name} is entitled to ${MPS_EXPRESS}.`)
    return {...done, name: org.name}
  }
}
