import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { GrpcMetrics } from './grpc-metrics.js';
import { GrpcServer } from './grpc-server.js';

/** Serves every provider marked `@GrpcService(...)` in the application. */
@Module({
  imports: [DiscoveryModule],
  providers: [GrpcServer, GrpcMetrics],
  exports: [GrpcServer],
})
export class GrpcModule {}
