import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiTokensModule } from '../modules/apitokens/apitokens.module.js';
import { TokenAuthenticator } from './auth/token-authenticator.js';
import { GrpcCallHooks } from './grpc-call-hooks.js';
import { GrpcMetrics } from './grpc-metrics.js';
import { GrpcServer } from './grpc-server.js';

/** Serves every provider marked `@GrpcService(...)` in the application, behind API-token auth. */
@Module({
  imports: [DiscoveryModule, ApiTokensModule],
  providers: [GrpcServer, GrpcMetrics, GrpcCallHooks, TokenAuthenticator],
  exports: [GrpcServer, TokenAuthenticator],
})
export class GrpcModule {}
