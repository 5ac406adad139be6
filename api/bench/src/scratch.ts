// Throwaway state for a bench run, as the integration tests make theirs (api/test/support):
// a database of its own, dropped afterwards, and rows under a tenant of its own.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../dist/database/data-source-options.js';
import type { UsageReport } from '../../dist/modules/ledger/ledger.types.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `sluice_bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  // WITH (FORCE) (PostgreSQL 13+) ends the sessions still connected.
  return {
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A DataSource with the API's entities and options; `destroy()` it. */
export async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4 }),
  );
  return dataSource.initialize();
}

export async function createTenant(dataSource: DataSource, name = 'bench'): Promise<string> {
  const id = randomUUID();
  await dataSource.query('INSERT INTO tenants (id, name) VALUES ($1, $2)', [
    id,
    `${name}-${id.slice(0, 8)}`,
  ]);
  return id;
}

/** The i-th of a set of plausible usage reports of one frontier model. */
export function usageReport(tenantId: string, i: number): UsageReport {
  return {
    tenantId,
    idempotencyKey: randomUUID(),
    decisionId: randomUUID(),
    model: { namespace: 'ml', name: 'gpt-frontier' },
    tier: 'frontier',
    cacheKind: 'none',
    baselineModel: { namespace: 'ml', name: 'gpt-frontier' },
    inputTokens: 200 + (i % 900),
    cachedInputTokens: 0,
    outputTokens: 20 + (i % 300),
    latencyMs: 80 + (i % 400),
    status: 'ok',
    tags: { team: ['search', 'support', 'ads'][i % 3] ?? 'search' },
    occurredAt: new Date(Date.UTC(2026, 10, 1, 10, i % 60)).toISOString(),
  };
}
