// How a Local Agent activation code is printed (show, generate, update): as the portal's Activation Code menu.
import type {LocalAgentCode} from '../cloud/index.js'

export function renderLocalCode(c: LocalAgentCode, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((c.expiresAt - now) / 60_000))
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const left = days
    ? `${days} day${days === 1 ? '' : 's'} ${hours} hour${hours === 1 ? '' : 's'}`
    : `${hours} hours ${minutes % 60} minutes`
  return ['Local agent activation code', c.code, `Expires: ${left}`, `${c.remaining}/${c.activations} activations remaining`].join('\n')
}
