import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  READ_OUTCOMES,
  READ_PRICES,
} from './economics.sql.js';
import type { UsageCell } from './economics.types.js';

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
}

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

  /** Hourly usage cells of the window that `who` may see; see CellsRead for the raw reads. */
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
    const { pricedOn } = read;
    const rows =
      pricedOn === undefined
        ? await this.db.query<Row[]>(read.withPolicy ? READ_CELLS_WITH_POLICY : READ_CELLS, params)
        : await this.db.query<Row[]>(READ_CELLS_PRICED_ON, [
            ...params,
            pricedOn.namespace,
            pricedOn.name,
          ]);
    return rows.map(toCell);
  }

  /** Capacity history in effect during the window, per model "ns/name". */
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
