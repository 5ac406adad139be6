import { Injectable } from '@nestjs/common';
import type { Caller } from '../../grpc/auth/caller.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import { seesUnattributed, visibility } from './access.js';
import { baselinePricer, priceBaselines, rebased } from './baseline-override.js';
import { EconomicsRepository, type Visibility } from './economics.repository.js';
import type { Query } from './economics.request.js';
import type { UsageCell } from './economics.types.js';
import { chargeCells } from './cell-charges.js';
import { aggregate, type GroupFigures } from './figures.js';
import { ledgerView, type LedgerView } from './ledger-view.js';
import { mergeFigures } from './row-math.js';

export interface Loaded {
  readonly who: Visibility;
  readonly cells: readonly UsageCell[];
  readonly view: LedgerView;
  readonly rows: GroupFigures[];
  readonly total: GroupFigures;
}

const refKey = (ref: ModelRef) => `${ref.namespace}/${ref.name}`;

const EVERYONE: Visibility = { tenantId: undefined, scope: {} };

/** Reads the ledger for one query as the caller may see it and groups it (the shared half). */
@Injectable()
export class EconomicsLoader {
  constructor(private readonly repository: EconomicsRepository) {}

  /** `baselineModel`: GetSavings' override; every figure's baseline is priced on it. */
  async load(query: Query, caller: Caller | undefined, baselineModel?: ModelRef): Promise<Loaded> {
    const who = visibility(caller, query.filters);
    const dimensions = [...query.groupBy, ...query.filters.map((f) => f.dimension)];
    const withPolicy = dimensions.includes('policy');
    const { window } = query;
    const { readCells, prices, capacity, allCells } = await this.repository.snapshot(
      async (reads) => {
        const [prices, capacity] = [await reads.prices(window.to), await reads.capacity(window)];
        // Cells merge towards the answer's grain (economics.sql.ts READ_MERGED_CELLS) except the
        // self-hosted models' hourly cells, which the GPU allocation below is made of.
        const hourlyModels = [...capacity.keys()];
        const merge =
          baselineModel === undefined && !withPolicy
            ? {
                hourlyModels,
                bucketing: query.bucketing,
                template: dimensions.includes('template'),
                tags: dimensions.some((d) => d.startsWith('tag:')),
              }
            : undefined;
        const readCells = await reads.cells(window, who, {
          withPolicy,
          ...(baselineModel === undefined ? {} : { pricedOn: baselineModel }),
          ...(merge === undefined ? {} : { merge }),
        });
        // GPU time is allocated over every tenant's traffic of the self-hosted models; an
        // unscoped admin already read it (split by policy or price maybe: the allocation merges
        // parts back into ledger cells).
        const allCells =
          capacity.size === 0
            ? []
            : seesUnattributed(who)
              ? readCells
              : await reads.cells(window, EVERYONE, { withPolicy: false, models: hourlyModels });
        return { readCells, prices, capacity, allCells };
      },
    );
    const view = ledgerView({ window, bucketing: query.bucketing, prices, capacity, allCells });
    const pricer =
      baselineModel === undefined
        ? undefined
        : baselinePricer(refKey(baselineModel), view, window, prices.get(refKey(baselineModel)));
    const cells = pricer === undefined ? readCells : rebased(readCells, pricer);
    const rows = aggregate(chargeCells(cells, view.allocation), {
      ...query,
      providerOf: view.providerOf,
      priceAt: view.priceAt,
      idleLines: seesUnattributed(who) ? view.allocation.lines : [],
    });
    if (pricer !== undefined) priceBaselines(rows, pricer);
    const total = mergeFigures(rows, window.from);
    return { who, cells, view, rows, total };
  }
}
