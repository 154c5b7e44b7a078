// The sections of a rollout file, in the order they are planned and applied. Each one reads what the
// cloud has, decides an action per item, and leaves problems (with their place in the file) instead of
// changing anything; the plan is applied only when there is no problem at all.
import {basename} from 'node:path'

import {findOrganization} from '../lookups.js'
import type {Configuration, FirmwareBuild, Organization, Resource, ResourceInput} from '../cloud/index.js'
import {FileNotFoundError, LcsError} from '../errors.js'
import {
  didYouMean,
  diffConfig,
  type FileInfo,
  fromCloud,
  inspectFile,
  InvalidAppFile,
  InvalidFile,
  matchPrinters,
  normalizeConfig,
  type NormalizedConfig,
  readUploadFile,
  toInput,
  watchTask,
} from '../deploy/index.js'
import {accessGroupsSection, rolesSection} from './access-sections.js'
import {federationSection} from './federation-section.js'
import {agentsSection} from './fleet-sections.js'
import {policiesSection} from './policies-section.js'
import {mpsSection} from './mps-section.js'
import {badgesSection, groupsSection, loginSettingsSection, pinsSection, preenrollSection, usersSection} from './people-sections.js'
import {setParent} from './new-organization.js'
import {itemKey, listedTwice, PHASE, updateOrUnchanged, type PlanItem, type RolloutContext, type Section} from './types.js'

const present = <T extends {state?: string}>(x: T) => x.state !== 'absent'

// ---- organization ----

const organizationSection: Section = {
  key: 'organization',
  async plan(ctx) {
    const o = ctx.doc.organization
    if (!o) return []
    const all: Organization[] = []
    for await (const x of ctx.client.orgs.list()) all.push(x)
    const found = all.find((x) => x.id === o.name) ?? all.find((x) => x.name.toLowerCase() === o.name.toLowerCase())
    if (found) {
      ctx.orgId = found.id
      ctx.orgName = found.name
      return [
        {
          action: 'unchanged',
          detail: found.type,
          kind: 'organization',
          name: found.name,
          path: ['organization'],
          phase: PHASE.organization,
        },
      ]
    }
    ctx.orgId = undefined
    ctx.orgName = o.name
    if (!o.create) {
      const guess = didYouMean(
        o.name,
        all.map((x) => x.name),
      )
      ctx.problem(
        ['organization', 'name'],
        `no organization "${o.name}" among the ${all.length} this account reaches${guess ? ` (did you mean "${guess}"?)` : ''}; add create: true to create it as a child organization`,
      )
      return []
    }
    let parent: Organization | undefined
    try {
      parent = o.parent ? await findOrganization(ctx.client, o.parent) : all.find((x) => x.id === ctx.activeOrgId)
    } catch (error) {
      ctx.problem(['organization', 'parent'], (error as Error).message)
      return []
    }
    if (!parent)
      ctx.problem(['organization'], 'the active organization is not among those this account reaches; name the parent: parent: …')
    else if (parent.type !== 'partner')
      ctx.problem(
        o.parent ? ['organization', 'parent'] : ['organization', 'create'],
        `${parent.name} is not a partner organization: only partners have child organizations`,
      )
    setParent(ctx, parent)
    const parentId = parent?.id
    return [
      {
        action: 'create',
        detail: `child of ${parent?.name ?? '?'}`,
        kind: 'organization',
        name: o.name,
        path: ['organization'],
        phase: PHASE.organization,
        async run(c) {
          try {
            const org = await c.client.orgs.createChild(parentId!, {name: o.name})
            c.orgId = org.id
          } catch (error) {
            // created by an earlier run whose answer was lost: use it
            if (!(error instanceof LcsError) || error.kind !== 'conflict') throw error
            for await (const x of c.client.orgs.children(parentId!)) if (x.name.toLowerCase() === o.name.toLowerCase()) c.orgId = x.id
            if (!c.orgId) throw error
          }
        },
      },
    ]
  },
}

// ---- resources ----

interface Desired {
  input: ResourceInput
  /** file sha256, or the firmware build */
  fingerprint: string
  models?: string[]
}

async function desiredResource(ctx: RolloutContext, i: number): Promise<Desired | undefined> {
  const r = ctx.doc.resources![i]
  if (r.type === 'firmware') {
    const ref = (r.build ?? r.url)!
    let b: FirmwareBuild
    try {
      b = await ctx.client.firmware.verify(ref)
    } catch (error) {
      if (error instanceof LcsError && error.kind === 'notFound') {
        ctx.problem(['resources', i, r.build ? 'build' : 'url'], `No firmware found for "${ref}"`)
        return undefined
      }
      throw error
    }
    return {
      fingerprint: b.build,
      input: {description: r.description ?? null, name: r.name, reference: r.build?.toUpperCase() ?? r.url, type: 'firmware'},
      models: b.models,
    }
  }
  let path = r.file!
  let buf: Buffer
  let info: FileInfo
  try {
    path = ctx.resolveFile(r.file!)
    buf = await readUploadFile(path)
  } catch (error) {
    ctx.problem(
      ['resources', i, 'file'],
      error instanceof FileNotFoundError ? `file not found: ${r.file} (looked for ${path})` : (error as Error).message,
    )
    return undefined
  }
  try {
    // the name as written decides the kind: a symlink's target may be named otherwise
    info = inspectFile(r.file!, buf, r.type)
  } catch (error) {
    if (error instanceof InvalidAppFile || error instanceof InvalidFile) ctx.problem(['resources', i, 'file'], error.message)
    else throw error
    return undefined
  }
  return {
    fingerprint: info.sha256,
    input: {content: buf.toString('base64'), description: r.description ?? null, fileName: basename(r.file!), name: r.name, type: r.type},
  }
}

const usesResource = (c: Configuration, id: string) =>
  c.firmware.some((f) => f.resourceId === id) ||
  c.apps.some((a) => a.source === 'library' && a.id === id) ||
  c.settings.some((s) => s.resourceId === id)

const resourcesSection: Section = {
  key: 'resources',
  async plan(ctx) {
    const list = ctx.doc.resources ?? []
    listedTwice(
      ctx,
      'resources',
      list.map((x) => x.name),
      'name',
    )
    const absentConfigs = new Set((ctx.doc.configurations ?? []).filter((c) => !present(c)).map((c) => c.name.toLowerCase()))
    const items: PlanItem[] = []
    for (const [i, r] of list.entries()) {
      const key = itemKey('resource', r.name)
      const existing = ctx.cloud.resources.find((x) => x.name.toLowerCase() === r.name.toLowerCase())
      const base = {kind: 'resource', name: r.name, path: ['resources', i]}
      if (!present(r)) {
        ctx.resourceIndex.delete(r.name.toLowerCase())
        if (!existing) {
          items.push({...base, action: 'unchanged', detail: 'absent', phase: PHASE.deleteResources})
          continue
        }
        const users = ctx.cloud.configurations
          .filter((c) => usesResource(c, existing.id) && !absentConfigs.has(c.name.toLowerCase()))
          .map((c) => `"${c.name}"`)
        if (users.length) ctx.problem(['resources', i, 'state'], `"${r.name}" cannot be deleted: configuration ${users.join(', ')} uses it`)
        items.push({
          ...base,
          action: 'delete',
          detail: existing.type,
          phase: PHASE.deleteResources,
          run: (c) => c.client.resources.delete(c.orgId!, existing.id),
        })
        continue
      }
      const want = await desiredResource(ctx, i)
      ctx.resourceIndex.set(r.name.toLowerCase(), {id: existing?.id, models: want?.models, name: r.name, type: r.type})
      if (!want) continue
      const detail = r.type === 'firmware' ? want.fingerprint : `${r.type} ${want.input.fileName}`
      if (!existing) {
        items.push({
          ...base,
          action: 'create',
          detail,
          phase: PHASE.upsertResources,
          async run(c) {
            const made = await c.client.resources.create(c.orgId!, want.input)
            c.ids.set(key, made.id)
          },
        })
        continue
      }
      ctx.ids.set(key, existing.id)
      if (existing.type !== r.type) {
        ctx.problem(
          ['resources', i, 'type'],
          `a ${existing.type} resource named "${existing.name}" already exists: give this one another name, or delete that one first (state: absent under another entry cannot do both)`,
        )
        continue
      }
      const changes = [
        ...(fingerprintOf(existing) !== want.fingerprint ? [r.type === 'firmware' ? 'build' : 'file'] : []),
        ...((existing.description ?? '') !== (r.description ?? '') ? ['description'] : []),
      ]
      if (changes.includes('file') || changes.includes('build')) {
        const deployed = ctx.cloud.configurations.filter((c) => c.deployed && usesResource(c, existing.id)).map((c) => `"${c.name}"`)
        if (deployed.length)
          ctx.problem(
            ['resources', i, r.type === 'firmware' ? (r.build ? 'build' : 'url') : 'file'],
            `"${r.name}" is part of deployed configuration ${deployed.join(', ')}, so its ${changes[0]} cannot change: give the new version another name (and a new configuration)`,
          )
      }
      items.push(
        updateOrUnchanged(
          {...base, detail, phase: PHASE.upsertResources},
          changes,
          async (c) => void (await c.client.resources.update(c.orgId!, existing.id, want.input)),
        ),
      )
    }
    return items
  },
}

function fingerprintOf(r: Resource): string | null {
  return r.type === 'firmware' ? (r.details.build ?? null) : r.sha256
}

// ---- configurations ----

/** Configurations created or changed by this run (their deployments go to every targeted printer). */
const CHANGED_CONFIGS = 'changedConfigurations'

const configurationsSection: Section = {
  key: 'configurations',
  async plan(ctx) {
    const list = ctx.doc.configurations ?? []
    listedTwice(
      ctx,
      'configurations',
      list.map((x) => x.name),
      'name',
    )
    const defaults = list.map((c, i) => ({c, i})).filter(({c}) => c.default === true && present(c))
    for (const {i} of defaults.slice(1))
      ctx.problem(['configurations', i, 'default'], `only one configuration can be the default ("${defaults[0].c.name}" already is)`)
    const changed = new Set<string>()
    ctx.facts.set(CHANGED_CONFIGS, changed)
    const deployedTo = new Set((ctx.doc.deployments ?? []).map((d) => d.configuration.toLowerCase()))
    const items: PlanItem[] = []
    for (const [i, c] of list.entries()) {
      const key = itemKey('configuration', c.name)
      const existing = ctx.cloud.configurations.find((x) => x.name.toLowerCase() === c.name.toLowerCase())
      const base = {kind: 'configuration', name: c.name, path: ['configurations', i]}
      if (!present(c)) {
        if (deployedTo.has(c.name.toLowerCase()))
          ctx.problem(['configurations', i, 'state'], `"${c.name}" is deployed by this file (deployments) and cannot be absent`)
        items.push(
          existing
            ? {...base, action: 'delete', phase: PHASE.deleteConfigurations, run: (x) => x.client.configs.delete(x.orgId!, existing.id)}
            : {...base, action: 'unchanged', detail: 'absent', phase: PHASE.deleteConfigurations},
        )
        continue
      }
      const {config, problems} = normalizeConfig(c, ctx.resourceIndex, ctx.catalog)
      for (const p of problems) ctx.problem(['configurations', i, ...p.path], p.message)
      const resourceDeps = [
        ...config.firmware,
        ...config.apps.filter((a) => a.source === 'library').map((a) => a.ref),
        ...config.settings,
      ].map((n) => itemKey('resource', n))
      const idOf = (x: RolloutContext) => (n: string) => x.ids.get(itemKey('resource', n)) ?? x.resourceIndex.get(n.toLowerCase())?.id ?? n
      const detail = describe(config)
      if (!existing) {
        changed.add(c.name.toLowerCase())
        items.push({
          ...base,
          action: 'create',
          dependsOn: resourceDeps,
          detail,
          phase: PHASE.upsertConfigurations,
          async run(x) {
            let made = await x.client.configs.create(x.orgId!, toInput(config, idOf(x)))
            if (c.default) made = await x.client.configs.setDefault(x.orgId!, made.id)
            x.ids.set(key, made.id)
          },
        })
        continue
      }
      ctx.ids.set(key, existing.id)
      const changes = diffConfig(fromCloud(existing), config)
      const defaultChange = c.default !== undefined && c.default !== existing.isDefault
      if (changes.length && existing.deployed) {
        ctx.problem(
          ['configurations', i],
          `configuration "${existing.name}" is deployed and cannot be edited (${changes.join(', ')} differ): copy it under a new name (lcs configs copy "${existing.name}" "${existing.name} v2") and use the copy in this file`,
        )
      }
      if (changes.length) changed.add(c.name.toLowerCase())
      items.push(
        changes.length || defaultChange
          ? {
              ...base,
              action: 'update',
              changes: [...changes, ...(defaultChange ? ['default'] : [])],
              dependsOn: resourceDeps,
              detail,
              phase: PHASE.upsertConfigurations,
              async run(x) {
                if (changes.length) await x.client.configs.update(x.orgId!, existing.id, toInput(config, idOf(x)))
                if (defaultChange)
                  await (c.default
                    ? x.client.configs.setDefault(x.orgId!, existing.id)
                    : x.client.configs.unsetDefault(x.orgId!, existing.id))
              },
            }
          : {...base, action: 'unchanged', detail, phase: PHASE.upsertConfigurations},
      )
    }
    return items
  },
}

function describe(c: NormalizedConfig): string {
  const fw = [c.recommendedFirmware ? 'recommended firmware' : '', c.firmware.length ? `${c.firmware.length} firmware` : ''].filter(Boolean)
  return [
    ...fw,
    `${c.apps.length} app${c.apps.length === 1 ? '' : 's'}`,
    `${c.settings.length} settings file${c.settings.length === 1 ? '' : 's'}`,
  ].join(', ')
}

// ---- deployments ----

const IN_PLACE = new Set(['succeeded', 'running', 'pending', 'scheduled'])

const deploymentsSection: Section = {
  key: 'deployments',
  async plan(ctx) {
    const list = ctx.doc.deployments ?? []
    const changed = (ctx.facts.get(CHANGED_CONFIGS) as Set<string> | undefined) ?? new Set<string>()
    const fileConfigs = new Map((ctx.doc.configurations ?? []).filter(present).map((c) => [c.name.toLowerCase(), c.name]))
    const items: PlanItem[] = []
    for (const [i, d] of list.entries()) {
      const path = ['deployments', i]
      const t = d.targets
      const targetText = [
        t.all ? 'all printers' : '',
        t.serials?.length ? `serial ${t.serials.join(', ')}` : '',
        t.tags?.length ? `tag ${t.tags.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' + ')
      const name = d.name ?? `${d.configuration} → ${targetText}`
      const cloudCfg = ctx.cloud.configurations.find((c) => c.name.toLowerCase() === d.configuration.toLowerCase())
      const cfgName = fileConfigs.get(d.configuration.toLowerCase()) ?? cloudCfg?.name
      if (!cfgName) {
        const guess = didYouMean(d.configuration, [...fileConfigs.values(), ...ctx.cloud.configurations.map((c) => c.name)])
        ctx.problem(
          [...path, 'configuration'],
          `unknown configuration "${d.configuration}"${guess ? ` (did you mean "${guess}"?)` : ''}: define it under configurations or create it first`,
        )
        continue
      }
      const m = matchPrinters(ctx.cloud.printers, t)
      for (const j of m.unknownSerials)
        ctx.problem(
          [...path, 'targets', 'serials', j],
          `${t.serials![j]} is not enrolled in ${ctx.orgName}${ctx.orgId ? '' : ' (the organization does not exist yet)'}`,
        )
      const targeted = m.printers.map((p) => p.serialNumber)
      const emptyTags = m.emptyTags
      let need = [...targeted]
      if (!changed.has(cfgName.toLowerCase()) && cloudCfg) {
        const latest = new Map(
          (await ctx.client.configs.printers(ctx.orgId!, cloudCfg.id)).map((p) => [p.serialNumber.toUpperCase(), p.status]),
        )
        need = need.filter((s) => !IN_PLACE.has(latest.get(s.toUpperCase()) ?? ''))
      }
      need.sort()
      const base = {kind: 'deployment', name, path}
      if (need.length === 0) {
        items.push({
          ...base,
          action: 'unchanged',
          detail: targeted.length
            ? `all ${targeted.length} targeted printer${targeted.length === 1 ? ' has' : 's have'} it`
            : `no printer matches yet${emptyTags.length ? ` (no printer has tag ${emptyTags.join(', ')})` : ''}`,
          phase: PHASE.deployments,
        })
        continue
      }
      const wait = d.wait ?? true
      items.push({
        ...base,
        action: 'create',
        dependsOn: [itemKey('configuration', cfgName)],
        detail: `${need.length} of ${targeted.length} printer${targeted.length === 1 ? '' : 's'}`,
        parallel: true,
        phase: PHASE.deployments,
        async run(x) {
          const configurationId = x.ids.get(itemKey('configuration', cfgName)) ?? cloudCfg!.id
          const task = await x.client.deployments.create(x.orgId!, {
            configurationId,
            kind: 'deploy-configuration',
            name: d.name,
            printers: need,
          })
          if (!x.wait || !wait) return
          const done = await watchTask(x.client, x.orgId!, task.id, {onUpdate: x.onTaskUpdate, pollMs: x.pollMs})
          const bad = (done.printers ?? []).filter((p) => p.status !== 'succeeded')
          if (bad.length) {
            throw new LcsError(
              'partial',
              `${bad.length} of ${done.printers!.length} printers did not get "${cfgName}" (task ${done.id}): ${bad
                .slice(0, 3)
                .map((p) => `${p.serialNumber}: ${p.reason}`)
                .join('; ')}${bad.length > 3 ? '; …' : ''}`,
            )
          }
        },
      })
    }
    return items
  },
}

/** The sections of a rollout file, in planning (and application) order; the organization comes first. */
export const SECTIONS: Section[] = [
  organizationSection,
  accessGroupsSection,
  loginSettingsSection,
  federationSection,
  groupsSection,
  usersSection,
  badgesSection,
  pinsSection,
  preenrollSection,
  rolesSection,
  agentsSection,
  resourcesSection,
  configurationsSection,
  deploymentsSection,
  policiesSection,
  mpsSection,
]
