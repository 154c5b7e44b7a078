// Module hooks of forbid-cli-deps.mjs: the packages only the CLI (commands, sandbox, discovery) may load.
const FORBIDDEN =
  /^(@oclif\/|@inquirer\/|inquirer$|cli-table3$|better-sqlite3$|node:sqlite$|net-snmp$|multicast-dns$|@napi-rs\/keyring$|csv-parse|yaml$)/

export async function resolve(specifier, context, next) {
  if (FORBIDDEN.test(specifier)) throw new Error(`CLI dependency ${specifier} loaded by ${context.parentURL}`)
  return next(specifier, context)
}
