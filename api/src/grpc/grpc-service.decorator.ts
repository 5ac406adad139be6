import { DiscoveryService } from '@nestjs/core';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import type { ServiceImpl } from './grpc-adapter.js';

/**
 * Marks a Nest provider as the implementation of a generated gRPC service:
 * `@GrpcService(SystemService) @Injectable() class SystemGrpc implements ImplementationOf<typeof SystemService>`.
 * GrpcServer discovers these at bootstrap, so feature modules register RPCs by existing.
 */
export const GrpcService = DiscoveryService.createDecorator<GenService<GenServiceMethods>>();

/** The handler shape a class must have to implement generated service `S`. */
export type ImplementationOf<S> = S extends GenService<infer T> ? ServiceImpl<T> : never;
