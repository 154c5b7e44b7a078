// The public integration API (read-only assets views), byte-compatible with the printer cloud's.
import * as store from '../db.js'
import {FLEET_READ, page, pageOf, type Handler, type Route} from './kit.js'

const INTEGRATION = '/cfm/fleetmgmt-integration-service/v1.0'

function assetJson(r: store.AssetRow, view: string) {
  const base = {accountId: r.org_id, manufacturer: r.manufacturer, modelName: r.model_name, serialNumber: r.serial}
  if (view === 'supplies') return {...base, supplies: JSON.parse(r.supplies)}
  if (view === 'alerts') return {...base, alerts: JSON.parse(r.alerts)}
  if (view === 'counters') return {...base, counters: JSON.parse(r.counters), dateCollected: r.last_communication}
  if (view === 'diagnostics') return {...base, diagnostics: []}
  return {
    ...base,
    alerts: JSON.parse(r.alerts),
    counters: JSON.parse(r.counters),
    dateCreated: r.created_at,
    dateModified: r.modified_at,
    description: r.description,
    lastCommunication: r.last_communication,
    name: r.name,
    supplies: JSON.parse(r.supplies),
  }
}

function assets(view: string): Handler {
  return (ctx, o) => {
    const p = page(ctx)
    const orgIds = store.orgSubtree(o.db, ctx.principal!.orgId).map((x) => x.id)
    const {rows, total} = store.listAssets(o.db, orgIds, p.offset, p.size)
    return pageOf(
      rows.map((r) => assetJson(r, view)),
      total,
      p,
    )
  }
}

export const integrationRoutes: Route[] = [
  {anyRole: FLEET_READ, auth: true, handler: assets('assets'), method: 'GET', path: `${INTEGRATION}/assets`},
  ...['supplies', 'alerts', 'counters', 'diagnostics'].map((v) => ({
    anyRole: FLEET_READ,
    auth: true,
    handler: assets(v),
    method: 'GET',
    path: `${INTEGRATION}/assets/${v}`,
  })),
]
