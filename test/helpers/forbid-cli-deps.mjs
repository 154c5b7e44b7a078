// `node --import ./forbid-cli-deps.mjs …`: any import of one of the CLI's own dependencies throws, so a
// library entry point that reaches one fails to load (used by test/e2e/sdk.test.ts).
import {register} from 'node:module'

register(new URL('./forbid-cli-deps-hooks.mjs', import.meta.url))
