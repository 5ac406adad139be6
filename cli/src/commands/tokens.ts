// sluice tokens create|list|revoke and sluice tenants create|list: sluice.v1.TokenService with
// the admin token the other commands use (--token, SLUICE_TOKEN or .sluice/token).
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { apiEnvSchema, loadConfigOrExit } from '@sluice/common';
import { createUnaryClient } from '@sluice/api/grpc-client';
import {
  ApiTokenSchema,
  CreateTokenResponseSchema,
  ListTenantsResponseSchema,
  ListTokensResponseSchema,
  TenantSchema,
  TokenService,
} from '@sluice/proto';
import { formatTable, type TableSpec } from '../output/table.js';
import { paint, type Terminal } from '../output/colour.js';
import {
  callOptions,
  formatMessage,
  type ConnectionOptions,
  type MessageFormat,
} from './connection.js';
import { createTokenRequest, type CreateFlags } from './tokens-request.js';
import { tenantsTable, tokensTable, tokenTable } from './tokens-tables.js';

export interface TokensOptions extends ConnectionOptions {
  readonly output: MessageFormat;
}

type Out = NodeJS.WritableStream & Terminal;
type Client = ReturnType<typeof createUnaryClient<(typeof TokenService)['method']>>;

/** Revocation reaches other API replicas within their verified-token cache (tokens.proto). */
const REVOKE_DELAY = 'other API replicas may accept it for up to 60 s more';

/** A reply as a table for a person, or as its protobuf JSON/YAML for a script. */
function print<D extends DescMessage>(
  out: Out,
  format: MessageFormat,
  table: TableSpec,
  reply: { schema: D; message: MessageShape<D> },
): void {
  out.write(
    format === 'table'
      ? formatTable(table, out)
      : formatMessage(reply.schema, reply.message, format),
  );
}

/** After printing a secret (create, bootstrap): stderr, so a script reading stdout gets only it. */
function warnSecretShownOnce(err: Out): void {
  err.write(
    `${paint('yellow', 'Save the secret now: it is not shown again', err)} (only its hash is stored).\n`,
  );
}

async function withClient<T>(
  options: TokensOptions,
  use: (c: Client, call: Awaited<ReturnType<typeof callOptions>>) => Promise<T>,
): Promise<T> {
  const call = await callOptions(options);
  const client = createUnaryClient(TokenService, options.address);
  try {
    return await use(client, call);
  } finally {
    client.close();
  }
}

/** Issues a token and prints its secret once, with a warning on stderr that it will not be again. */
export async function createToken(
  name: string,
  options: TokensOptions & CreateFlags,
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<string> {
  const request = createTokenRequest(name, options);
  const reply = await withClient(options, (client, call) => client.createToken(request, call));
  if (reply.token === undefined) throw new Error('CreateToken answered without a token');
  if (options.output === 'table') {
    out.write(formatTable(tokenTable(reply.token), out));
    out.write(`\nsecret: ${reply.secret}\n`);
  } else out.write(formatMessage(CreateTokenResponseSchema, reply, options.output));
  warnSecretShownOnce(err);
  return reply.secret;
}

export async function listTokens(
  options: TokensOptions & { tenant?: string | undefined; all: boolean },
  out: Out = process.stdout,
): Promise<void> {
  const request = { tenant: options.tenant ?? '', includeRevoked: options.all };
  const reply = await withClient(options, (client, call) => client.listTokens(request, call));
  print(out, options.output, tokensTable(reply.tokens), {
    schema: ListTokensResponseSchema,
    message: reply,
  });
}

export async function revokeToken(
  id: string,
  options: TokensOptions,
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<void> {
  const reply = await withClient(options, (client, call) => client.revokeToken({ id }, call));
  if (reply.token === undefined) throw new Error('RevokeToken answered without a token');
  print(out, options.output, tokenTable(reply.token), {
    schema: ApiTokenSchema,
    message: reply.token,
  });
  err.write(`Revoked; ${REVOKE_DELAY}.\n`);
}

export async function createTenant(
  name: string,
  options: TokensOptions,
  out: Out = process.stdout,
): Promise<void> {
  const reply = await withClient(options, (client, call) => client.createTenant({ name }, call));
  if (reply.tenant === undefined) throw new Error('CreateTenant answered without a tenant');
  print(out, options.output, tenantsTable([reply.tenant]), {
    schema: TenantSchema,
    message: reply.tenant,
  });
}

export async function listTenants(
  options: TokensOptions,
  out: Out = process.stdout,
): Promise<void> {
  const reply = await withClient(options, (client, call) => client.listTenants({}, call));
  print(out, options.output, tenantsTable(reply.tenants), {
    schema: ListTenantsResponseSchema,
    message: reply,
  });
}

/**
 * Issues a platform admin token straight into DATABASE_URL (no API needed): the first one of a
 * cluster, or break-glass. Prints the secret once, as `create` does.
 */
export async function bootstrapToken(
  name: string,
  options: { tenant: string },
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<void> {
  const env = loadConfigOrExit(
    apiEnvSchema.pick({ DATABASE_URL: true }),
    'sluice tokens bootstrap',
  );
  // Loaded here only: the rest of `sluice tokens` talks gRPC and needs none of the API's code.
  const { issuePlatformAdmin } = await import('@sluice/api');
  const issued = await issuePlatformAdmin(env.DATABASE_URL, options.tenant, name);
  out.write(`platform admin token ${issued.tokenId} of tenant "${issued.tenant}"\n`);
  out.write(`secret: ${issued.token}\n`);
  warnSecretShownOnce(err);
}
