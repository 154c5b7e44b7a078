// The SDK against a sandbox (or any cloud): every organization the credentials reach and its users.
//   lcs sandbox start --detach --json      # prints apiUrl, clientId, clientSecret
//   LCS_API_URL=… LCS_CLIENT_ID=… LCS_CLIENT_SECRET=… npx tsx examples/orgs-and-users.ts
import {CloudClient, LcsError, type Organization, type User} from 'lcs'

// LCS_API_URL (or LCS_REGION) and LCS_CLIENT_ID + LCS_CLIENT_SECRET (or LCS_TOKEN), as the CLI reads them.
const client = CloudClient.fromEnv(process.env, {maxRetries: 2, timeoutMs: 10_000})
// One deadline for the whole listing; each call takes it.
const signal = AbortSignal.timeout(60_000)

try {
  const me = await client.tokenInfo({signal})
  console.log(`acting for organization ${me.resource_owner_organization_id}`)
  for await (const org of client.orgs.list({signal})) {
    const users: User[] = []
    for await (const user of client.users.list(org.id, {signal})) users.push(user)
    console.log(`${describe(org)}: ${users.length} user${users.length === 1 ? '' : 's'}`)
    for (const u of users) console.log(`  ${u.email}${u.roles.length ? ` (${u.roles.join(', ')})` : ''}`)
  }
} catch (error) {
  // Every failure of the SDK is an LcsError with the CLI's exit code.
  if (!(error instanceof LcsError)) throw error
  console.error(`${error.message}${error.hint ? `\n${error.hint}` : ''}`)
  process.exitCode = error.exitCode
}

function describe(org: Organization): string {
  return `${org.name} [${org.type}]${org.parentId ? ` under ${org.parentId}` : ''}`
}
