// SDK calls for organizations (identity management).
import type {CloudClient} from './client.js'
import type {ListOptions, Organization, RequestOptions} from './types.js'

/** `client.orgs`: the organizations the credentials reach. */
export class Organizations {
  /** @internal */
  constructor(private readonly c: CloudClient) {}

  /** Every organization the credentials reach (their own and its descendants). */
  list(opts: ListOptions = {}): AsyncGenerator<Organization> {
    return this.c.paginate<Organization>('listOrganizations', opts)
  }

  /** One organization by id. */
  get(orgId: string, opts: RequestOptions = {}): Promise<Organization> {
    return this.c.call<Organization>('getOrganization', {params: {orgId}, signal: opts.signal})
  }

  /** The direct children of an organization. */
  children(orgId: string, opts: ListOptions = {}): AsyncGenerator<Organization> {
    return this.c.paginate<Organization>('listChildren', {...opts, params: {orgId}})
  }

  /** Creates a child organization; the same idempotency key makes a repeated call create it once. */
  createChild(parentId: string, input: {name: string}, opts: RequestOptions & {idempotencyKey?: string} = {}): Promise<Organization> {
    return this.c.call<Organization>('createChild', {
      body: input,
      idempotencyKey: opts.idempotencyKey,
      params: {orgId: parentId},
      signal: opts.signal,
    })
  }
}
