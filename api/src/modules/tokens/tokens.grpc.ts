import { Injectable } from '@nestjs/common';
import {
  TokenService,
  type CreateTenantRequest,
  type CreateTokenRequest,
  type ListTokensRequest,
  type RevokeTokenRequest,
} from '@sluice/proto';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcService, type ImplementationOf } from '../../grpc/grpc-service.decorator.js';
import { requireCaller } from '../router/caller.js';
import { TokensService } from './tokens.service.js';

/** sluice.v1.TokenService on the wire: one line per RPC (STYLE: thin transport). */
@GrpcService(TokenService)
@Injectable()
export class TokensGrpc implements ImplementationOf<typeof TokenService> {
  constructor(private readonly tokens: TokensService) {}

  createToken = (request: CreateTokenRequest, ctx: CallContext) =>
    this.tokens.create(request, requireCaller(ctx));

  listTokens = (request: ListTokensRequest, ctx: CallContext) =>
    this.tokens.list(request, requireCaller(ctx));

  revokeToken = (request: RevokeTokenRequest, ctx: CallContext) =>
    this.tokens.revoke(request, requireCaller(ctx));

  createTenant = (request: CreateTenantRequest, ctx: CallContext) =>
    this.tokens.createTenant(request, requireCaller(ctx));

  listTenants = (_request: unknown, ctx: CallContext) =>
    this.tokens.listTenants(requireCaller(ctx));
}
