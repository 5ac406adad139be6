import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { DatabaseError, type PoolClient, type QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryFailedError } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { copyTextRows } from './copy-text.js';
import { LedgerRepository } from './ledger.repository.js';
import type { ModelRef, UsageReport } from './ledger.types.js';
import { UsageMetrics } from './usage-metrics.js';
import { priceReport, USAGE_COLUMNS, usageRowValues } from './usage-rows.js';

const COLUMNS = USAGE_COLUMNS.map(([name]) => `"${name}"`).join(', ');
/**
 * Per connection, emptied at every commit: the columns written and their types, no constraint
 * (NOT NULLs, checks, keys and foreign keys are usage_records', enforced by the INSERT below).
 */
const STAGING = 'usage_staging';
const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} ON COMMIT DELETE ROWS
  AS SELECT ${COLUMNS} FROM usage_records WITH NO DATA`;
const COPY_STAGING = `COPY ${STAGING} (${COLUMNS}) FROM STDIN`;
const COPY_USAGE = `COPY usage_records (${COLUMNS}) FROM STDIN`;
/** SQLSTATE unique_violation: the key is already booked. */
const UNIQUE_VIOLATION = '23505';
const INSERT_USAGE = `
  INSERT INTO usage_records (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING}
  ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
  RETURNING tenant_id, idempotency_key`;

interface Inserted {
  readonly tenant_id: string;
  readonly idempotency_key: string;
}

/** A usage row's identity (its primary key) as one string. */
export const usageKey = (tenantId: string, idempotencyKey: string): string =>
  `${tenantId}/${idempotencyKey}`;

const modelsOf = (reports: readonly UsageReport[]): ModelRef[] =>
  reports.flatMap((r) => (r.baselineModel ? [r.model, r.baselineModel] : [r.model]));

const latest = (reports: readonly UsageReport[]): Date =>
  new Date(Math.max(...reports.map((r) => Date.parse(r.occurredAt))));

const byKey = (a: { report: UsageReport }, b: { report: UsageReport }): number =>
  a.report.tenantId === b.report.tenantId
    ? compare(a.report.idempotencyKey, b.report.idempotencyKey)
    : compare(a.report.tenantId, b.report.tenantId);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Connections whose session already holds the staging table (temp tables live per session). */
const staged = new WeakSet<object>();

/**
 * Writes usage reports: prices each at its occurred_at, then COPYs the batch (COPY is the
 * cheapest way into PostgreSQL, the bench's baseline) in one transaction on one connection:
 * - straight into usage_records, when every key is new (the common case: first deliveries);
 * - when a key is already there (a replay, a retry, or twice in the batch), COPY cannot skip
 *   it: the batch goes into a per-connection temp table instead and moves with ONE `INSERT ...
 *   SELECT ... ON CONFLICT DO NOTHING RETURNING` on the primary key (tenant, idempotency key),
 *   which counts retries and concurrent duplicates once and says which rows were new.
 * Returns how many rows were new. A refused value (a data exception, class 22) or row (a
 * constraint, class 23) fails the whole batch as a QueryFailedError with that SQLSTATE, so the
 * callers' bisection (write-isolating.ts) can find it.
 */
@Injectable()
export class UsageWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    @Optional() private readonly metrics?: UsageMetrics,
  ) {}

  async write(reports: readonly UsageReport[]): Promise<number> {
    return (await this.writeKeys(reports)).length;
  }

  /** As `write`, answering which reports were new: `usageKey` of each inserted row, once. */
  async writeKeys(reports: readonly UsageReport[]): Promise<string[]> {
    if (reports.length === 0) return [];
    const history = await this.ledger.priceHistory(modelsOf(reports), latest(reports));
    // In key order: concurrent batches holding the same keys then lock them in the same order,
    // so they wait for each other instead of deadlocking.
    const priced = reports.map((report) => priceReport(report, history)).sort(byKey);
    const rows = copyTextRows(usageRowValues(priced));
    const keys = await this.onConnection(async (client) => {
      if (await copyAllNew(client, rows))
        return priced.map(({ report }) => usageKey(report.tenantId, report.idempotencyKey));
      const inserted = await copyInsert(client, rows);
      return inserted.map((row) => usageKey(row.tenant_id, row.idempotency_key));
    });
    const kept = new Set(keys);
    this.metrics?.committed(
      priced
        .filter(({ report }) => kept.delete(usageKey(report.tenantId, report.idempotencyKey)))
        .map(({ report, costs }) => ({ report, costUsd: costs.costUsd })),
    );
    return keys;
  }

  private async onConnection<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = requireConnected(this.dataSource).createQueryRunner();
    try {
      return await use((await runner.connect()) as PoolClient);
    } finally {
      await runner.release();
    }
  }
}

/**
 * The common case, a batch of new keys, at COPY's own speed: straight into usage_records, in a
 * transaction. False, with nothing written, when a key is already there (or twice in the batch):
 * then the batch goes the ON CONFLICT way. Any other refusal is thrown.
 */
async function copyAllNew(client: PoolClient, rows: string): Promise<boolean> {
  try {
    await inTransaction(client, COPY_USAGE, async (statement) => {
      await copyInto(client, COPY_USAGE, rows);
      statement('COMMIT');
      await client.query('COMMIT');
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Three round trips: BEGIN, the COPY into staging, then the INSERT and COMMIT as one simple query
 * (a multi-statement string stops at its first error, so a refused row never commits the rest).
 */
async function copyInsert(client: PoolClient, rows: string): Promise<Inserted[]> {
  if (!staged.has(client)) {
    await client.query(CREATE_STAGING);
    staged.add(client);
  }
  return inTransaction(client, COPY_STAGING, async (statement) => {
    await copyInto(client, COPY_STAGING, rows);
    statement(INSERT_USAGE);
    const [inserted] = (await client.query(`${INSERT_USAGE}; COMMIT`)) as unknown as Array<
      QueryResult<Inserted>
    >;
    return inserted?.rows ?? [];
  });
}

/**
 * BEGIN, then `work`, which ends with COMMIT; ROLLBACK on any error. A PostgreSQL error is thrown as TypeORM reports a statement's (QueryFailedError, naming
 * the statement `work` said it was at), so callers see one kind whichever statement failed.
 */
async function inTransaction<T>(
  client: PoolClient,
  first: string,
  work: (statement: (sql: string) => void) => Promise<T>,
): Promise<T> {
  let current = first;
  await client.query('BEGIN');
  try {
    return await work((sql) => (current = sql));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error instanceof DatabaseError ? new QueryFailedError(current, [], error) : error;
  }
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: unknown }).code === UNIQUE_VIOLATION;

async function copyInto(client: PoolClient, statement: string, rows: string): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const finished = once(stream, 'finish');
  stream.end(rows);
  await finished;
}
