import { credentials, makeClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

export interface HealthOptions {
  readonly address: string;
  readonly service: string;
  readonly timeout: string;
}

interface HealthClient {
  check(
    request: { service: string },
    options: { deadline: Date },
    callback: (error: ServiceError | null, reply?: { status: string }) => void,
  ): void;
  close(): void;
}

/**
 * grpc.health.v1 Check, like grpc_health_probe: prints the serving status and exits 0 only for
 * SERVING. The client is built from the health service definition grpc-health-check ships.
 */
export async function health(options: HealthOptions): Promise<void> {
  const Client = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Client(
    options.address,
    credentials.createInsecure(),
  ) as unknown as HealthClient;
  const deadline = new Date(Date.now() + Number(options.timeout));
  const status = await new Promise<string>((resolve) =>
    client.check({ service: options.service }, { deadline }, (error, reply) =>
      resolve(error ? `error: ${error.details || error.message}` : (reply?.status ?? 'UNKNOWN')),
    ),
  );
  client.close();
  process.stdout.write(`${status}\n`);
  process.exitCode = status === 'SERVING' ? 0 : 1;
}
