import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { knownUntil, type CapacityPoint, type Window } from '../ledger/capacity-cost.js';
import type { PricePoint } from '../ledger/cost.js';
import type { CacheKind, ModelRef, Tags } from '../ledger/ledger.types.js';
import { parsePicos } from '../ledger/money.js';
import {
  toCapacityPoint,
  toPricePoint,
  type CapacitySqlRow,
  type PriceSqlRow,
} from '../ledger/price-rows.js';
import { wholeHours } from '../ledger/usage-totals.js';
import {
  READ_CAPACITY,
  READ_CELLS,
  READ_CELLS_PRICED_ON,
  READ_CELLS_WITH_POLICY,
  READ_MERGED_CELLS,
  READ_OUTCOMES,
  READ_PRICES,
} from './economics.sql.js';
import type { UsageCell } from './economics.types.js';
import type { Bucketing } from './window.js';

/** Whose usage a read may see: one tenant (or all, for admins) and the token's tag scope. */
export interface Visibility {
  /** undefined: every tenant. */
  readonly tenantId: string | undefined;
  readonly scope: Tags;
}

export interface OutcomeFact {
  readonly name: string;
  /** How many outcomes the report counts (ReportOutcomeRequest.quantity, 1 when unset). */
  readonly quantity: bigint;
  readonly valueUsd: bigint;
  readonly tags: Tags;
  /** Per model "ns/name": token-priced cost and served tokens of the linked decisions. */
  readonly linked: ReadonlyArray<{ model: string; costUsd: bigint; tokens: bigint }>;
}

type Row = Record<string, unknown>;
/** pg returns bigint and numeric as strings, count(*) too; anything else (null) is zero. */
const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '0';
const big = (v: unknown): bigint => BigInt(text(v));
const picos = (v: unknown): bigint => parsePicos(text(v));

function toCell(row: Row): UsageCell {
  return {
    hour: row.hour as Date,
    tenantId: String(row.tenant_id),
    model: `${String(row.model_namespace)}/${String(row.model_name)}`,
    tier: String(row.tier),
    cacheKind: row.cache_kind as CacheKind,
    template: String(row.template),
    tags: row.tags as Tags,
    policy: String(row.policy),
    shadow: row.shadow === true,
    requests: big(row.requests),
    failedRequests: big(row.failed_requests),
    inputTokens: big(row.input_tokens),
    cachedInputTokens: big(row.cached_input_tokens),
    outputTokens: big(row.output_tokens),
    costUsd: picos(row.cost_usd),
    baselineCostUsd: picos(row.baseline_cost_usd),
    baselineRequests: big(row.baseline_requests),
    noCacheCostUsd: picos(row.no_cache_cost_usd),
    latencyMs: big(row.latency_ms_sum),
    ...(row.baseline_from instanceof Date ? { baselinePriceFrom: row.baseline_from } : {}),
  };
}

/** What a cells read needs besides the window and visibility. */
export interface CellsRead {
  /** Raw rows joined with their decisions, for the policy dimension. */
  readonly withPolicy: boolean;
  /** Raw rows split where this model's price changed (GetSavings baseline_model). */
  readonly pricedOn?: ModelRef;
  /** Only these models' cells ("ns/name"); all when absent. */
  readonly models?: readonly string[];
  /** Cells merged where no figure can tell (READ_MERGED_CELLS); hourly cells when absent. */
  readonly merge?: CellGrain;
}

/** What a merged read must keep apart: see READ_MERGED_CELLS. */
export interface CellGrain {
  /** Models whose cells stay hourly: those with GPU time to allocate. */
  readonly hourlyModels: readonly string[];
  readonly bucketing: Bucketing;
  /** A dimension reads the template, or the tags. */
  readonly template: boolean;
  readonly tags: boolean;
}

type Queryable = Pick<EntityManager, 'query'>;

/** The reads of one snapshot (EconomicsRepository.snapshot). */
export type Reads = Pick<EconomicsReads, 'cells' | 'prices' | 'capacity'>;

/** Every query the economics make; pure code turns the results into figures. */
export const ECONOMICS_CLOCK = Symbol('ECONOMICS_CLOCK');

@Injectable()
export class EconomicsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** What "now" is for capacity: GPU time after it has not run yet (tests pass their clock). */
    @Optional() @Inject(ECONOMICS_CLOCK) private readonly now: () => Date = () => new Date(),
  ) {}

  private get db(): DataSource {
    return requireConnected(this.dataSource);
  }

  /**
   * Runs `work` on one snapshot (REPEATABLE READ), so the caller's cells and everyone's agree,
   * with JIT off (the planner's row estimates for these aggregates are far above what they read,
   * and compiling them cost more than running them) and room to hash or sort a month of hourly
   * cells in memory rather than on disk (docs/adr/0009-economics-at-scale.md).
   */
  snapshot<T>(work: (reads: Reads) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      return work(new EconomicsReads(manager, this.now));
    });
  }

  cells(window: Window, who: Visibility, read: CellsRead): Promise<UsageCell[]> {
    return new EconomicsReads(this.db, this.now).cells(window, who, read);
  }

  capacity(window: Window): Promise<Map<string, CapacityPoint[]>> {
    return new EconomicsReads(this.db, this.now).capacity(window);
  }

  prices(until: Date): Promise<Map<string, PricePoint[]>> {
    return new EconomicsReads(this.db, this.now).prices(until);
  }

  outcomes(window: Window, who: Visibility, names: readonly string[]): Promise<OutcomeFact[]> {
    return new EconomicsReads(this.db, this.now).outcomes(window, who, names);
  }
}

/** The reads themselves, on a pool or inside one snapshot. */
export class EconomicsReads {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
  ) {}

  /** Usage cells of the window that `who` may see; see CellsRead for the raw reads. */
  async cells(window: Window, who: Visibility, read: CellsRead): Promise<UsageCell[]> {
    const whole = wholeHours(window.from, window.to);
    const params = [
      window.from,
      window.to,
      whole.from,
      whole.to,
      who.tenantId ?? null,
      JSON.stringify(who.scope),
    ];
    const { pricedOn, merge } = read;
    const models = read.models === undefined ? null : [...read.models];
    const rows =
      pricedOn !== undefined
        ? await this.db.query<Row[]>(READ_CELLS_PRICED_ON, [
            ...params,
            pricedOn.namespace,
            pricedOn.name,
          ])
        : read.withPolicy
          ? await this.db.query<Row[]>(READ_CELLS_WITH_POLICY, params)
          : merge === undefined
            ? await this.db.query<Row[]>(READ_CELLS, [...params, models])
            : await this.db.query<Row[]>(READ_MERGED_CELLS, [
                ...params,
                models,
                [...merge.hourlyModels],
                merge.bucketing,
                merge.template,
                merge.tags,
              ]);
    return rows.map(toCell);
  }

  /** Capacity points per model "ns/name", as known now: nothing is charged after now. */
  async capacity(window: Window): Promise<Map<string, CapacityPoint[]>> {
    const asOf = this.now();
    const rows = await this.db.query<Array<CapacitySqlRow & Row>>(READ_CAPACITY, [
      window.from,
      window.to,
    ]);
    const byModel = new Map<string, CapacityPoint[]>();
    for (const row of rows) {
      const key = `${String(row.model_namespace)}/${String(row.model_name)}`;
      byModel.set(key, [...(byModel.get(key) ?? []), toCapacityPoint(row)]);
    }
    for (const [key, points] of byModel) byModel.set(key, knownUntil(points, asOf));
    return byModel;
  }

  /** Every price recorded before `until`, per model "ns/name". */
  async prices(until: Date): Promise<Map<string, PricePoint[]>> {
    const rows = await this.db.query<PriceSqlRow[]>(READ_PRICES, [until]);
    const byModel = new Map<string, PricePoint[]>();
    for (const row of rows) {
      const key = `${row.model_namespace}/${row.model_name}`;
      byModel.set(key, [...(byModel.get(key) ?? []), toPricePoint(row)]);
    }
    return byModel;
  }

  /** Outcomes of the window `who` may see, with their linked decisions' usage. */
  async outcomes(
    window: Window,
    who: Visibility,
    names: readonly string[],
  ): Promise<OutcomeFact[]> {
    const rows = await this.db.query<Row[]>(READ_OUTCOMES, [
      window.from,
      window.to,
      names,
      who.tenantId ?? null,
      JSON.stringify(who.scope),
    ]);
    return rows.map((row) => ({
      name: String(row.name),
      quantity: big(row.quantity),
      valueUsd: row.value === null ? 0n : picos(row.value),
      tags: row.tags as Tags,
      linked: (row.linked as Array<Record<string, string>>).map((l) => ({
        model: l.model ?? '',
        costUsd: picos(l.cost),
        tokens: big(l.tokens),
      })),
    }));
  }
}
