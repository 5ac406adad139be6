import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { Tags } from './ledger.types.js';
import { CLAIM_ROWS, DELETE_HOURS, READ_TOTALS, REBUILD_HOURS } from './usage-rollup.sql.js';
import {
  floorHour,
  toUsageTotals,
  wholeHours,
  type TotalsSqlRow,
  type UsageTotals,
} from './usage-totals.js';

// Any constant; it serializes rollups of this database (the migration lock uses another).
const ROLLUP_LOCK_KEY = 7_326_140_002;

export interface TotalsQuery {
  readonly tenantId: string;
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** Only usage whose tags contain all of these. */
  readonly tags?: Tags;
}

/**
 * usage_hourly is derived, never the truth: rollupHours absorbs raw rows of complete hours and
 * totals() adds what it has not absorbed yet, in one statement, so the answer equals the raw sums
 * at every moment (SPEC 4: every figure reproducible from the ledger).
 */
@Injectable()
export class UsageRollup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rolls every complete UTC hour before `until` that has new rows (late arrivals included) and
   * returns the hours rebuilt. Idempotent: with nothing new it changes nothing, and a rebuilt
   * hour is recomputed from all its rows, so rolling it again yields the same rows.
   */
  async rollupHours(until: Date): Promise<Date[]> {
    return requireConnected(this.dataSource).transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
      const claimed = await manager.query<Array<{ hour: Date }>>(CLAIM_ROWS, [floorHour(until)]);
      const hours = claimed.map((row) => row.hour);
      if (hours.length === 0) return hours;
      await manager.query(DELETE_HOURS, [hours]);
      await manager.query(REBUILD_HOURS, [hours]);
      return hours;
    });
  }

  /** Usage of one tenant in [from, to) per model, tier, cache kind and template. */
  async totals(query: TotalsQuery): Promise<UsageTotals[]> {
    const whole = wholeHours(query.from, query.to);
    const rows = await requireConnected(this.dataSource).query<TotalsSqlRow[]>(READ_TOTALS, [
      query.tenantId,
      query.from,
      query.to,
      whole.from,
      whole.to,
      JSON.stringify(query.tags ?? {}),
    ]);
    return rows.map(toUsageTotals);
  }
}
