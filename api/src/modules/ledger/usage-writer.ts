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

/** Connections whose session already holds the staging table (temp tables live per session). */
const staged = new WeakSet<object>();

/**
 * Writes usage reports: prices each at its occurred_at, then in one transaction COPYs the batch
 * into a per-connection temp table and moves it with ONE `INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING`. COPY because it is the cheapest way into PostgreSQL (a bench baseline); not straight
 * into usage_records because COPY cannot skip conflicts, and ON CONFLICT on the primary key
 * (tenant, idempotency key) is what makes retries and concurrent duplicates count once, even
 * twice in the same batch. Returns how many rows were new. A refused value (a data exception,
 * class 22, from the COPY) or row (a constraint, class 23, from the INSERT) fails the whole
 * batch with that SQLSTATE, so the callers' bisection (write-isolating.ts) can find it.
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
    const priced = reports.map((report) => priceReport(report, history));
    const inserted = await this.copyInsert(copyTextRows(usageRowValues(priced)));
    const keys = inserted.map((row) => usageKey(row.tenant_id, row.idempotency_key));
    const kept = new Set(keys);
    this.metrics?.committed(
      priced
        .filter(({ report }) => kept.delete(usageKey(report.tenantId, report.idempotencyKey)))
        .map(({ report, costs }) => ({ report, costUsd: costs.costUsd })),
    );
    return keys;
  }

  /**
   * Three round trips on one connection: BEGIN, the COPY, then the INSERT and COMMIT as one
   * simple query (a multi-statement string stops at its first error, so a refused row never
   * commits the rest: ROLLBACK follows).
   */
  private async copyInsert(rows: string): Promise<Inserted[]> {
    const runner = requireConnected(this.dataSource).createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      if (!staged.has(client)) {
        await client.query(CREATE_STAGING);
        staged.add(client);
      }
      await client.query('BEGIN');
      let statement = COPY_STAGING;
      try {
        await copyInto(client, rows);
        statement = INSERT_USAGE;
        const [inserted] = (await client.query(`${INSERT_USAGE}; COMMIT`)) as unknown as Array<
          QueryResult<Inserted>
        >;
        return inserted?.rows ?? [];
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // As TypeORM reports a statement's error, so callers see one kind whichever failed.
        throw error instanceof DatabaseError ? new QueryFailedError(statement, [], error) : error;
      }
    } finally {
      await runner.release();
    }
  }
}

async function copyInto(client: PoolClient, rows: string): Promise<void> {
  const stream = client.query(copyFrom(COPY_STAGING));
  const finished = once(stream, 'finish');
  stream.end(rows);
  await finished;
}
