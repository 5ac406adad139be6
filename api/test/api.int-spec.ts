import { createServer, type Server as NetServer } from 'node:net';
import { credentials, makeClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { DependencyState, SystemService } from '@sluice/proto';
import type { RunningApi } from '../src/bootstrap.js';
import { createUnaryClient } from '../src/grpc/grpc-client.js';
import { runMigrations } from '../src/database/migrate.js';
import { reflect } from './support/reflection-client.js';
import { startTestApi } from './support/test-api.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

type Health = {
  check(r: { service: string }, cb: (e: ServiceError | null, r?: { status: string }) => void): void;
  close(): void;
};

function healthOf(address: string, service = ''): Promise<string> {
  const Client = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Client(address, credentials.createInsecure()) as unknown as Health;
  return new Promise((resolve) =>
    client.check({ service }, (error, reply) => {
      client.close();
      resolve(error ? `error ${error.code}` : (reply?.status ?? 'none'));
    }),
  );
}

describe('API process wiring (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    api = await startTestApi(db.url);
  });

  afterAll(async () => {
    await api.app.close();
    await db.drop();
  });

  it('answers grpc.health.v1 for the server and for each sluice service', async () => {
    await expect(healthOf(api.grpcAddress)).resolves.toBe('SERVING');
    await expect(healthOf(api.grpcAddress, 'sluice.v1.SystemService')).resolves.toBe('SERVING');
    await expect(healthOf(api.grpcAddress, 'sluice.v1.Nope')).resolves.toBe('error 5');
  });

  it('lists its services and serves their descriptors through reflection', async () => {
    const listed = await reflect(api.grpcAddress, { list_services: '' });
    const names = listed.list_services_response?.service.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['sluice.v1.SystemService', 'grpc.health.v1.Health']),
    );
    const file = await reflect(api.grpcAddress, {
      file_containing_symbol: 'sluice.v1.SystemService',
    });
    const protos = file.file_descriptor_response?.file_descriptor_proto ?? [];
    expect(protos.map((p) => p.toString('latin1')).join()).toContain('sluice/v1/system.proto');
  });

  it('reports both dependencies up over sluice.v1.SystemService', async () => {
    const client = createUnaryClient(SystemService, api.grpcAddress);
    try {
      const reply = await client.getStatus({}, { timeoutMs: 5000 });
      expect(reply.dependencies.map((d) => [d.name, d.state])).toEqual([
        ['postgres', DependencyState.UP],
        ['redis', DependencyState.UP],
      ]);
    } finally {
      client.close();
    }
  });

  it('exposes probes and RPC metrics over HTTP', async () => {
    expect((await fetch(`${api.httpUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.httpUrl}/readyz?verbose`);
    const lines = (await ready.text()).split('\n');
    expect(lines.slice(-2)).toEqual(['ok', '']);
    expect(lines).toEqual(expect.arrayContaining(['[+]shutdown ok', '[+]grpc ok']));
    // The shared test Redis has no AOF; the test API acks into it anyway (USAGE_VOLATILE_ACK).
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\[\+\]redis-persistence ok: volatile \(appendonly no, .*USAGE_VOLATILE_ACK=true/,
      ),
    );
    const metrics = await (await fetch(`${api.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /sluice_grpc_server_handling_seconds_count\{component="api",grpc_method="\/sluice.v1.SystemService\/GetStatus"\} [1-9]/,
    );
    expect(metrics).toContain('sluice_process_cpu_user_seconds_total{component="api"}');
  });
});

describe('API with Redis down', () => {
  let db: TestDatabase;
  let closedPort: NetServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    // A port that was free a moment ago and is closed now: connections are refused.
    closedPort = createServer();
    await new Promise<void>((resolve) => closedPort.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('still starts, serves, reports redis DOWN and stops cleanly', async () => {
    const { port } = closedPort.address() as { port: number };
    await new Promise((resolve) => closedPort.close(resolve));
    const api = await startTestApi(db.url, `redis://127.0.0.1:${port}`);
    const client = createUnaryClient(SystemService, api.grpcAddress);
    try {
      await expect(healthOf(api.grpcAddress)).resolves.toBe('SERVING');
      const reply = await client.getStatus({}, { timeoutMs: 5000 });
      const redis = reply.dependencies.find((d) => d.name === 'redis');
      expect(redis?.state).toBe(DependencyState.DOWN);
      expect(redis?.detail).not.toBe('');
    } finally {
      client.close();
      await api.app.close();
    }
    await expect(healthOf(api.grpcAddress)).resolves.toMatch(/^error /);
  });
});
