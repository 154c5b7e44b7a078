import {Args, Flags} from '@oclif/core'
import {basename} from 'node:path'

import {activeOrgId} from '../../lib/auth/index.js'
import type {DeployTask} from '../../lib/cloud/index.js'
import {checkSelection, followTask, readChecked, selectionFlags, selectPrinters, splitSerials, waitFlags} from '../../lib/deploy/index.js'
import {BaseCommand, cloudFlags} from '../../lib/ui/index.js'

export default class DeployFiles extends BaseCommand {
  static args = {files: Args.string({description: 'eSF apps (.fls) and settings files (.ucf, .txt, .zip).', required: true})}

  static summary = 'Deploy apps and settings files to printers once, without a configuration'

  static description = `Deploy apps and settings files to printers once, without a configuration (nothing is saved for reuse): the apps first, then the settings files, each in the order given. Every file is checked before anything is sent ("Invalid App File"). --wait follows each printer to its final status; exit 9 when any failed.`

  static examples = [
    '<%= config.bin %> <%= command.id %> kiosk-1.3.0.fls front-desk.ucf --printers 50123ABCD --wait',
    '<%= config.bin %> <%= command.id %> energy-saver.txt --all --json',
  ]

  static flags = {...cloudFlags, ...selectionFlags, ...waitFlags, name: Flags.string({description: 'Task name (64 characters at most).'})}

  static strict = false

  async run(): Promise<DeployTask> {
    const {argv, flags} = await this.parse(DeployFiles)
    const selection = {all: flags.all, printers: splitSerials(flags.printers), tags: flags.tag}
    checkSelection(selection)
    const files = []
    for (const f of argv as string[]) {
      const {buf} = await readChecked(f)
      files.push({content: buf.toString('base64'), fileName: basename(f)})
    }
    const s = await this.session(flags)
    const orgId = await activeOrgId(s)
    const printers = await selectPrinters(s.client, orgId, selection)
    const task = await s.client.deployments.create(orgId, {
      files,
      kind: 'deploy-files',
      name: flags.name,
      printers: printers.map((p) => p.serialNumber),
    })
    this.note(
      `Deploying ${files.length} file${files.length === 1 ? '' : 's'} to ${printers.length} printer${printers.length === 1 ? '' : 's'} (task ${task.id}).`,
    )
    const out = await followTask(s.client, orgId, task, {
      log: (l) => this.log(l),
      pollMs: flags['poll-interval'],
      verbose: this.verbose,
      wait: flags.wait,
    })
    if (out.partial) this.exitAs('partial')
    return out.task
  }
}
