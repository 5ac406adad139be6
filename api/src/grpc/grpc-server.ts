import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { clientFaultInterceptor } from './client-fault-interceptor.js';
import { HealthImplementation } from 'grpc-health-check';
import { Probes, type ListenAddress } from '@sluice/common';
import { SLUICE_V1_FILES } from '@sluice/proto';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { InjectApiConfig, type ApiConfig } from '../config/api-config.js';
import { toGrpcDefinition, toGrpcHandlers, type ServiceImpl } from './grpc-adapter.js';
import { GrpcCallHooks } from './grpc-call-hooks.js';
import { GrpcService } from './grpc-service.decorator.js';
import { createReflectionService } from './reflection.js';

function bind(server: Server, { host, port }: ListenAddress): Promise<number> {
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(target, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
}

/**
 * The API's grpc-js server: every `@GrpcService` provider, standard health checking and
 * reflection. Health answers NOT_SERVING from the first moment of shutdown, then in-flight
 * calls drain (STYLE rule 10) before Nest closes the database and Redis.
 */
@Injectable()
export class GrpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server = new Server({ interceptors: [clientFaultInterceptor] });
  private readonly health = new HealthImplementation({ '': 'NOT_SERVING' });
  private readonly serviceNames: string[] = [];
  private boundPort = 0;
  // Nest's Logger forwards to pino (nestjs-pino), objects included.
  private readonly logger = new Logger(GrpcServer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectApiConfig() private readonly config: ApiConfig,
    private readonly probes: Probes,
    private readonly hooks: GrpcCallHooks,
  ) {}

  /** The port actually bound (API_GRPC_ADDR may ask for port 0 in tests). */
  get port(): number {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders({ metadataKey: GrpcService.KEY })) {
      const service = this.discovery.getMetadataByDecorator(GrpcService, wrapper);
      if (service) this.register(service, wrapper.instance as ServiceImpl<GenServiceMethods>);
    }
    this.health.addToServer(this.server);
    createReflectionService(SLUICE_V1_FILES).addToServer(this.server);
    this.boundPort = await bind(this.server, this.config.API_GRPC_ADDR);
    this.setServing('SERVING');
    this.probes.addReadinessCheck('grpc', () => this.boundPort > 0 && !this.probes.isShuttingDown);
    this.logger.log(
      {
        address: `${this.config.API_GRPC_ADDR.host}:${this.boundPort}`,
        services: this.serviceNames,
      },
      'Serving gRPC',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.setServing('NOT_SERVING');
    await this.drain(this.config.SHUTDOWN_TIMEOUT_SECONDS * 500);
  }

  private register(
    service: GenService<GenServiceMethods>,
    impl: ServiceImpl<GenServiceMethods>,
  ): void {
    const authenticate = this.hooks.authenticateFor(service.typeName);
    const handlers = toGrpcHandlers(service, impl, this.hooks.observe, authenticate);
    this.server.addService(toGrpcDefinition(service), handlers);
    this.serviceNames.push(service.typeName);
  }

  private setServing(status: 'SERVING' | 'NOT_SERVING'): void {
    for (const name of ['', ...this.serviceNames]) this.health.setStatus(name, status);
  }

  /** Waits for in-flight calls; past half the shutdown budget, cancels the rest. */
  private drain(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn({ timeoutMs }, 'Cancelled RPCs still running at shutdown');
        this.server.forceShutdown();
        resolve();
      }, timeoutMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        this.logger.log('Drained gRPC');
        resolve();
      });
    });
  }
}
