// Writes oclif.manifest.json (what `oclif manifest` does) without pulling in the oclif CLI package:
// with a manifest, start-up reads one JSON file instead of importing every command.
import {Plugin} from '@oclif/core'
import {rmSync, writeFileSync} from 'node:fs'

rmSync('oclif.manifest.json', {force: true})
const plugin = new Plugin({errorOnManifestCreate: true, ignoreManifest: true, isRoot: true, root: process.cwd(), type: 'core'})
await plugin.load()
writeFileSync('oclif.manifest.json', JSON.stringify(plugin.manifest, null, 2) + '\n')
console.error(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`)
