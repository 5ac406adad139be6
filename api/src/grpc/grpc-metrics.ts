import { Injectable } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { Counter, Histogram, Registry } from 'prom-client';

/** Per-RPC counters and latency, named after go-grpc-prometheus so existing dashboards apply. */
@Injectable()
export class GrpcMetrics {
  private readonly handled: Counter<'grpc_method' | 'grpc_code'>;
  private readonly seconds: Histogram<'grpc_method'>;

  constructor(registry: Registry) {
    this.handled = new Counter({
      name: 'sluice_grpc_server_handled_total',
      help: 'RPCs completed on the server, by method and gRPC status code.',
      labelNames: ['grpc_method', 'grpc_code'],
      registers: [registry],
    });
    this.seconds = new Histogram({
      name: 'sluice_grpc_server_handling_seconds',
      help: 'Time from request to response on the server, by method.',
      labelNames: ['grpc_method'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    });
  }

  record(method: string, code: GrpcStatus, seconds: number): void {
    this.handled.inc({ grpc_method: method, grpc_code: GrpcStatus[code] ?? String(code) });
    this.seconds.observe({ grpc_method: method }, seconds);
  }
}
