// Who is calling: resolved once per call from the API token in the call's metadata, before the
// handler runs. Handlers read it from CallContext.caller; they never parse metadata themselves.

/** The authenticated principal of one gRPC call. */
export interface Caller {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly tokenId: string;
  /**
   * Tags the token is limited to, e.g. { team: 'search' }: it may route only traffic carrying
   * them and read only economics of that traffic. {} means the whole tenant.
   */
  readonly scope: Readonly<Record<string, string>>;
  /** Admin tokens read every tenant's economics and manage tokens. */
  readonly admin: boolean;
}
