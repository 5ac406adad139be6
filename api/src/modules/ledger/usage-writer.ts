import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { LedgerRepository } from './ledger.repository.js';
import type { ModelRef, UsageReport } from './ledger.types.js';
import { UsageMetrics } from './usage-metrics.js';
import { priceReport, USAGE_COLUMNS, usageParameters } from './usage-rows.js';

const INSERT_USAGE = `
  INSERT INTO usage_records (${USAGE_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
  SELECT * FROM unnest(${USAGE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
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

/**
 * Writes usage reports: prices each at its occurred_at, then ONE multi-row insert (unnest of one
 * array per column: a fixed 22 parameters whatever the batch size). ON CONFLICT DO NOTHING on
 * the primary key (tenant, idempotency key) makes retries and concurrent duplicates count once,
 * even twice in the same batch. Returns how many rows were new.
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
    const inserted = await requireConnected(this.dataSource).query<Inserted[]>(
      INSERT_USAGE,
      usageParameters(priced),
    );
    const keys = inserted.map((row) => usageKey(row.tenant_id, row.idempotency_key));
    const kept = new Set(keys);
    this.metrics?.committed(
      priced
        .filter(({ report }) => kept.delete(usageKey(report.tenantId, report.idempotencyKey)))
        .map(({ report, costs }) => ({ report, costUsd: costs.costUsd })),
    );
    return keys;
  }
}
