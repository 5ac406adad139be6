import { Module } from '@nestjs/common';
import { GrpcModule } from '../../grpc/grpc.module.js';
import { ApiTokensModule } from '../apitokens/apitokens.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { TokenBudgetsModule } from './token-budgets.module.js';
import { TokensGrpc } from './tokens.grpc.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';

/**
 * sluice.v1.TokenService: tenants and their API tokens, managed over gRPC. Imports GrpcModule
 * for the TokenAuthenticator, so a revoked token is forgotten on this replica at once.
 */
@Module({
  imports: [GrpcModule, ApiTokensModule, TenantsModule, TokenBudgetsModule],
  providers: [TokensRepository, TokensService, TokensGrpc],
})
export class TokensModule {}
