// How a Fleet Agent is printed (show, create): one owner for its text form.
import type {FleetAgent} from '../cloud/index.js'
import {formatTime} from './time.js'

function discoveryTask(t: FleetAgent['definition']['schedule']['discovery']): string {
  if (t.interval === 'none') return 'none (run manually only)'
  const day = t.interval === 'weekly' ? ` on ${t.dayOfWeek}` : t.interval === 'monthly' ? ` on day ${t.dayOfMonth}` : ''
  return `${t.interval}${day} at ${t.time}`
}

/** The agent's version as the Fleet Agents page shows it, with the update when one is available. */
export function versionLabel(a: FleetAgent): string {
  if (!a.version) return ''
  return a.updateAvailable ? `${a.version} (update available: ${a.latestVersion})` : a.version
}

export function renderAgent(a: FleetAgent): string {
  const d = a.definition
  const criteria =
    d.discovery.searchType === 'local' ? 'Search Local Network' : d.discovery.include.map((c) => `${c.address} (${c.profile})`).join(', ')
  return [
    `${a.name}  ${a.id}`,
    `  Status             ${a.status}${a.activatedAt ? ` (activated ${formatTime(a.activatedAt)})` : ''}`,
    ...(a.version ? [`  Version            ${versionLabel(a)}`] : []),
    `  Last communicated  ${formatTime(a.lastCommunication) || 'never'}`,
    `  Printers           ${a.printers}${a.mpsPrinters ? ` (${a.mpsPrinters} MPS Express: cannot be deleted or deactivated)` : ''}`,
    `  Include            ${criteria}`,
    ...(d.discovery.exclude.length ? [`  Exclude            ${d.discovery.exclude.join(', ')}`] : []),
    `  Transfer mgmt      ${d.discovery.transferManagement ? 'yes' : 'no'}`,
    `  SNMP profiles      ${d.snmpProfiles.map((p) => `${p.name} ${p.version.toUpperCase()} ${p.timeoutSec} s, ${p.retries} ${p.retries === 1 ? 'retry' : 'retries'}`).join('; ')}`,
    `  Discovery task     ${discoveryTask(d.schedule.discovery)}`,
    `  Refresh task       every ${d.schedule.refresh}`,
    `  Other settings     log level ${d.logLevel}, network delay ${d.networkDelayMs} ms`,
    ...(a.unmatched ?? []).map((line) => `  Last discovery     ${line}`),
  ].join('\n')
}
