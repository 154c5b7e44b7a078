// What the environment says about where and who (the CLI's LCS_* variables), shared by the CLI's session
// and `CloudClient.fromEnv`.
import {normalizeApiUrl, regionEndpoints} from '../config/index.js'
import {LcsError} from '../errors.js'
import {registerSecret} from '../redact.js'
import type {Credentials, Endpoints} from './client.js'

/** Credentials from `LCS_TOKEN`, else `LCS_CLIENT_ID` + `LCS_CLIENT_SECRET`; undefined when none is set. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): {credentials: Credentials; source: string} | undefined {
  if (env.LCS_TOKEN) {
    registerSecret(env.LCS_TOKEN)
    return {credentials: {accessToken: env.LCS_TOKEN, kind: 'token'}, source: 'environment (LCS_TOKEN)'}
  }
  if (!env.LCS_CLIENT_ID && !env.LCS_CLIENT_SECRET) return undefined
  if (!env.LCS_CLIENT_ID || !env.LCS_CLIENT_SECRET) {
    throw new LcsError(
      'usage',
      `${env.LCS_CLIENT_ID ? 'LCS_CLIENT_SECRET' : 'LCS_CLIENT_ID'} is not set: client credentials from the environment need both LCS_CLIENT_ID and LCS_CLIENT_SECRET.`,
    )
  }
  registerSecret(env.LCS_CLIENT_SECRET)
  return {
    credentials: {clientId: env.LCS_CLIENT_ID, clientSecret: env.LCS_CLIENT_SECRET, kind: 'client'},
    source: 'environment (LCS_CLIENT_ID, LCS_CLIENT_SECRET)',
  }
}

/** Endpoints and credentials from the environment alone. */
export function environmentLogin(env: NodeJS.ProcessEnv): {endpoints: Endpoints; credentials: Credentials} {
  const found = credentialsFromEnv(env)
  if (!found) throw new LcsError('usage', 'No credentials in the environment: set LCS_CLIENT_ID and LCS_CLIENT_SECRET, or LCS_TOKEN.')
  const url = env.LCS_API_URL ? normalizeApiUrl(env.LCS_API_URL, 'LCS_API_URL') : undefined
  return {credentials: found.credentials, endpoints: url ? {apis: url, idp: url} : regionEndpoints(env.LCS_REGION ?? 'us')}
}
