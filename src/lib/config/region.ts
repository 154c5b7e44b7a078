import {LcsError} from '../errors.js'

export const REGIONS = ['us', 'eu'] as const

interface Endpoints {
  /** Identity provider base (OAuth2 token endpoint). */
  idp: string
  /** Services base (identity, fleet management, integration API). */
  apis: string
}

export function regionEndpoints(region: string): Endpoints {
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw new LcsError('usage', `Unknown region "${region}": use one of ${REGIONS.join(', ')}, or --api-url for another base URL.`)
  }
  return {apis: `https://apis.${region}.iss.lexmark.com`, idp: `https://idp.${region}.iss.lexmark.com`}
}

/** Validates an --api-url / LCS_API_URL value. Any other base (the sandbox, a proxy) serves both roles. */
export function normalizeApiUrl(raw: string, source = '--api-url'): string {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw new LcsError('usage', `Malformed ${source} "${raw}": expected an absolute URL such as http://127.0.0.1:8642.`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new LcsError('usage', `Malformed ${source} "${raw}": the scheme must be http or https, not ${u.protocol.replace(':', '')}.`)
  }
  if (u.username || u.password || u.search || u.hash) {
    throw new LcsError('usage', `Malformed ${source}: it must not carry credentials, a query or a fragment.`)
  }
  return u.toString().replace(/\/+$/, '')
}
