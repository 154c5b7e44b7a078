// Library entry point (`import {CloudClient} from 'lcs'`): the SDK without the CLI.
export {CloudClient, type CloudClientOptions, type Credentials, type Endpoints, type TokenState} from './cloud/client.js'
export {listPreenrollments} from './cloud/fleet.js'
export type {Asset, Organization, Page, Preenrollment, TokenInfo, User} from './cloud/types.js'
export {ExitCode, LcsError, type ErrorKind} from './errors.js'
