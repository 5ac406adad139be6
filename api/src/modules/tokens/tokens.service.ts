import { Injectable } from '@nestjs/common';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import type {
  CreateTenantRequest,
  CreateTokenRequest,
  CreateTokenResponseSchema,
  ListTenantsResponseSchema,
  ListTokensRequest,
  ListTokensResponseSchema,
  RevokeTokenRequest,
  RevokeTokenResponseSchema,
  CreateTenantResponseSchema,
} from '@sluice/proto';
import { PinoLogger } from 'nestjs-pino';
import { roleOf, type Caller } from '../../grpc/auth/caller.js';
import { TokenAuthenticator } from '../../grpc/auth/token-authenticator.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';
import { checkTenantName, toTokenRequest } from './token-input.js';
import {
  grantableRole,
  issuedScope,
  manages,
  requireManager,
  requirePlatformAdmin,
  targetTenant,
  type Actor,
} from './token-rules.js';
import { toWireTenant, toWireToken } from './token-wire.js';
import { TokensRepository } from './tokens.repository.js';

type Reply<S extends DescMessage> = MessageInitShape<S>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actorOf = (caller: Caller): Actor => ({ ...caller, role: roleOf(caller) });

/** The caller as an actor, once it is known to manage tokens (PERMISSION_DENIED otherwise). */
function managerOf(caller: Caller): Actor {
  const actor = actorOf(caller);
  requireManager(actor);
  return actor;
}

/** Database failures are UNAVAILABLE (retry), never INTERNAL; domain errors pass through. */
async function fromDatabase<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SluiceError) throw error;
    throw SluiceError.unavailable('cannot reach the database now; retry', error);
  }
}

/** tokens.proto TokenService: the role rules first, then the writes. */
@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly tenants: TenantsRepository,
    private readonly authenticator: TokenAuthenticator,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('TokensService');
  }

  async create(
    request: CreateTokenRequest,
    caller: Caller,
  ): Promise<Reply<typeof CreateTokenResponseSchema>> {
    const actor = managerOf(caller);
    const input = toTokenRequest(request);
    const tenantName = targetTenant(actor, input.tenant);
    const role = grantableRole(actor, input.role);
    const scope = issuedScope(actor, input.scope);
    const tenant = await fromDatabase(this.tenants.findByName(tenantName));
    if (tenant === null)
      throw new SluiceError(GrpcStatus.NOT_FOUND, `tenant "${tenantName}" does not exist`, [
        { field: 'tenant', description: 'no such tenant; create it first (CreateTenant)' },
      ]);
    const issued = await fromDatabase(
      this.tokens.issue({
        tenantId: tenant.id,
        name: input.name,
        role,
        scope,
        ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
        ...(input.monthlyBudgetUsd === undefined
          ? {}
          : { monthlyBudgetUsd: input.monthlyBudgetUsd }),
        ...(UUID.test(caller.tokenId) ? { createdBy: caller.tokenId } : {}),
      }),
    );
    const row = await fromDatabase(this.tokens.find(issued.record.id));
    if (row === undefined)
      throw SluiceError.unavailable('the new token is not readable yet; retry');
    this.logger.info(
      { tokenId: row.id, tenant: tenantName, role, createdBy: caller.tokenId },
      'Issued API token',
    );
    return { token: toWireToken(row), secret: issued.token };
  }

  async list(
    request: ListTokensRequest,
    caller: Caller,
  ): Promise<Reply<typeof ListTokensResponseSchema>> {
    const actor = managerOf(caller);
    if (request.tenant !== '') checkTenantName(request.tenant, 'tenant');
    const tenantName = request.tenant === '' ? undefined : targetTenant(actor, request.tenant);
    const tenantId = await this.tenantIdFor(actor, tenantName);
    const rows = await fromDatabase(this.tokens.list(tenantId, request.includeRevoked));
    return { tokens: rows.filter((row) => manages(actor, row)).map(toWireToken) };
  }

  async revoke(
    request: RevokeTokenRequest,
    caller: Caller,
  ): Promise<Reply<typeof RevokeTokenResponseSchema>> {
    const actor = managerOf(caller);
    if (!UUID.test(request.id))
      throw SluiceError.invalidArgument('id', 'must be a token id (UUID)');
    const found = await fromDatabase(this.tokens.find(request.id));
    // Tokens the caller may not manage are as absent as unknown ones: nothing leaks.
    if (found === undefined || !manages(actor, found))
      throw new SluiceError(GrpcStatus.NOT_FOUND, `no API token ${request.id} to revoke`);
    await fromDatabase(
      this.tokens.revoke(found.id, new Date(), UUID.test(caller.tokenId) ? caller.tokenId : null),
    );
    this.authenticator.forget(found.hash);
    const row = (await fromDatabase(this.tokens.find(found.id))) ?? found;
    this.logger.info({ tokenId: row.id, revokedBy: caller.tokenId }, 'Revoked API token');
    return { token: toWireToken(row) };
  }

  async createTenant(
    request: CreateTenantRequest,
    caller: Caller,
  ): Promise<Reply<typeof CreateTenantResponseSchema>> {
    requirePlatformAdmin(actorOf(caller));
    checkTenantName(request.name, 'name');
    const tenant = await fromDatabase(this.tenants.create({ name: request.name }));
    this.logger.info({ tenant: tenant.name, createdBy: caller.tokenId }, 'Created tenant');
    return { tenant: toWireTenant(tenant) };
  }

  async listTenants(caller: Caller): Promise<Reply<typeof ListTenantsResponseSchema>> {
    requirePlatformAdmin(actorOf(caller));
    return { tenants: (await fromDatabase(this.tenants.list())).map(toWireTenant) };
  }

  /** The tenant to list: undefined is every tenant (platform admins) or the caller's own. */
  private async tenantIdFor(actor: Actor, name: string | undefined): Promise<string | undefined> {
    if (name === undefined) return actor.role === 'platform_admin' ? undefined : actor.tenantId;
    if (name === actor.tenantName) return actor.tenantId;
    const tenant = await fromDatabase(this.tenants.findByName(name));
    if (tenant === null)
      throw new SluiceError(GrpcStatus.NOT_FOUND, `tenant "${name}" does not exist`);
    return tenant.id;
  }
}
