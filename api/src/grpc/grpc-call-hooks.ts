import { Injectable, Logger } from '@nestjs/common';
import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { PUBLIC_SERVICES, TokenAuthenticator } from './auth/token-authenticator.js';
import type { Authenticate, CallObserver } from './grpc-adapter.js';
import { GrpcMetrics } from './grpc-metrics.js';

/** What runs around every RPC the server registers: authentication before, metrics after. */
@Injectable()
export class GrpcCallHooks {
  // Nest's Logger forwards to pino (nestjs-pino), objects included.
  private readonly logger = new Logger('GrpcServer');

  constructor(
    private readonly metrics: GrpcMetrics,
    private readonly auth: TokenAuthenticator,
  ) {}

  /** undefined for the services anyone may call. */
  authenticateFor(serviceName: string): Authenticate | undefined {
    if (PUBLIC_SERVICES.has(serviceName)) return undefined;
    return (metadata: Metadata) => this.auth.authenticate(metadata);
  }

  readonly observe: CallObserver = (method, code, seconds, error) => {
    this.metrics.record(method, code, seconds);
    if (code === GrpcStatus.INTERNAL) this.logger.error({ err: error, method }, 'RPC failed');
  };
}
