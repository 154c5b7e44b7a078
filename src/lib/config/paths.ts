import {homedir} from 'node:os'
import {join} from 'node:path'

/** Config directory: LCS_CONFIG_DIR, else $XDG_CONFIG_HOME/lcs, else ~/.config/lcs. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LCS_CONFIG_DIR) return env.LCS_CONFIG_DIR
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'lcs')
}

/** Data directory (the sandbox's default home): $XDG_DATA_HOME/lcs, else ~/.local/share/lcs. */
function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'lcs')
}

export function defaultSandboxDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LCS_SANDBOX_DIR || join(dataDir(env), 'sandbox')
}
