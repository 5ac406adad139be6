import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import {
  GetCostReportRequestSchema,
  GetCrossoverRequestSchema,
  GetSavingsRequestSchema,
  GetUnitEconomicsRequestSchema,
  type CostRowSchema,
  type GetCostReportRequest,
  type GetCostReportResponseSchema,
  type GetCrossoverRequest,
  type GetCrossoverResponseSchema,
  type GetSavingsRequest,
  type GetSavingsResponseSchema,
  type GetUnitEconomicsRequest,
  type GetUnitEconomicsResponseSchema,
} from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import { assertStorable } from '../../grpc/validation/storable.js';
import { matchesTagFilters } from './dimensions.js';
import { crossoverRows } from './crossover-plan.js';
import { EconomicsLoader } from './economics-loader.js';
import { costBreakdown, groupValues, limited, usageCounts } from './economics.mapping.js';
import { EconomicsRepository } from './economics.repository.js';
import { MAX_LIMIT, parseQuery } from './economics.request.js';
import type { GroupFigures } from './figures.js';
import { outcomeGroupKey, outcomesGroupable, outcomeTotals } from './outcomes.js';
import { breakdown, orderRows } from './row-math.js';
import { parseBaselineModel, requirePricedBaseline } from './baseline-override.js';
import { requireBaseline, savings, savingsRow } from './savings.js';
import { linkedCost, unitRow, windowGpuCharge } from './unit-economics.js';

const cost = (row: GroupFigures) => breakdown(row).total;

/** EconomicsService's logic; economics.grpc.ts only hands requests over. */
@Injectable()
export class EconomicsService {
  constructor(
    private readonly loader: EconomicsLoader,
    private readonly repository: EconomicsRepository,
  ) {}

  async costReport(
    request: GetCostReportRequest,
    caller: Caller | undefined,
  ): Promise<MessageInitShape<typeof GetCostReportResponseSchema>> {
    assertStorable(GetCostReportRequestSchema, request);
    const query = parseQuery(request, request.granularity);
    const loaded = await this.loader.load(query, caller);
    const { rows, truncated } = limited(orderRows(loaded.rows, cost), query.limit);
    const toRow = (f: GroupFigures): MessageInitShape<typeof CostRowSchema> => ({
      group: groupValues(query.groupBy, f.sums.values),
      bucketStart: timestampFromDate(f.sums.bucket),
      usage: usageCounts(f.sums),
      cost: costBreakdown(breakdown(f)),
    });
    return { rows: rows.map(toRow), total: toRow(loaded.total), truncated };
  }

  async unitEconomics(
    request: GetUnitEconomicsRequest,
    caller: Caller | undefined,
  ): Promise<MessageInitShape<typeof GetUnitEconomicsResponseSchema>> {
    assertStorable(GetUnitEconomicsRequestSchema, request);
    const query = parseQuery(request);
    const loaded = await this.loader.load(query, caller);
    const facts = await this.repository.outcomes(query.window, loaded.who, request.outcomes);
    const kept = facts.filter((o) => matchesTagFilters(o.tags, query.filters));
    const linked = (o: (typeof kept)[number]) =>
      linkedCost(o, windowGpuCharge(loaded.view, query.shareIdle));
    const groupable = outcomesGroupable(query.groupBy);
    const perGroup = outcomeTotals(
      kept,
      (o) => (groupable ? outcomeGroupKey(query.groupBy, o) : ''),
      linked,
    );
    const all = outcomeTotals(kept, () => '*', linked).get('*') ?? [];
    const { rows, truncated } = limited(orderRows(loaded.rows, cost), query.limit);
    const outcomesOf = (f: GroupFigures) =>
      groupable ? (perGroup.get(JSON.stringify(f.sums.values)) ?? []) : [];
    return {
      rows: rows.map((f) => unitRow(query.groupBy, f, outcomesOf(f))),
      total: unitRow(query.groupBy, loaded.total, all),
      truncated,
    };
  }

  async savings(
    request: GetSavingsRequest,
    caller: Caller | undefined,
  ): Promise<MessageInitShape<typeof GetSavingsResponseSchema>> {
    assertStorable(GetSavingsRequestSchema, request);
    const query = parseQuery(request);
    const baseline = parseBaselineModel(request.baselineModel);
    const loaded = await this.loader.load(query, caller, baseline);
    if (baseline === undefined) requireBaseline(loaded.total);
    else requirePricedBaseline(baseline, loaded.total);
    const saved = (f: GroupFigures) => savings(f).frontier - savings(f).actual;
    const { rows, truncated } = limited(orderRows(loaded.rows, saved), query.limit);
    return {
      rows: rows.map((f) => savingsRow(query.groupBy, f)),
      total: savingsRow(query.groupBy, loaded.total),
      truncated,
    };
  }

  async crossover(
    request: GetCrossoverRequest,
    caller: Caller | undefined,
  ): Promise<MessageInitShape<typeof GetCrossoverResponseSchema>> {
    assertStorable(GetCrossoverRequestSchema, request);
    const query = parseQuery({
      window: request.window,
      groupBy: ['model'],
      filters: [],
      limit: MAX_LIMIT,
    });
    const loaded = await this.loader.load(query, caller);
    return { rows: crossoverRows(loaded, query, request) };
  }
}
