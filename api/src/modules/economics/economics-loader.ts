import { Injectable } from '@nestjs/common';
import type { Caller } from '../../grpc/auth/caller.js';
import { seesUnattributed, visibility } from './access.js';
import { EconomicsRepository, type Visibility } from './economics.repository.js';
import type { Query } from './economics.request.js';
import type { UsageCell } from './economics.types.js';
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

const EVERYONE: Visibility = { tenantId: undefined, scope: {} };

/** Reads the ledger for one query as the caller may see it and groups it (the shared half). */
@Injectable()
export class EconomicsLoader {
  constructor(private readonly repository: EconomicsRepository) {}

  async load(query: Query, caller: Caller | undefined): Promise<Loaded> {
    const who = visibility(caller, query.filters);
    const dimensions = [...query.groupBy, ...query.filters.map((f) => f.dimension)];
    const withPolicy = dimensions.includes('policy');
    const { window } = query;
    const [cells, prices, capacity] = await Promise.all([
      this.repository.cells(window, who, withPolicy),
      this.repository.prices(window.to),
      this.repository.capacity(window),
    ]);
    // GPU cost is spread over every tenant's traffic; an unscoped admin already read all of it.
    const allCells =
      capacity.size === 0
        ? []
        : seesUnattributed(who)
          ? cells
          : await this.repository.cells(window, EVERYONE, false);
    const view = ledgerView({ window, bucketing: query.bucketing, prices, capacity, allCells });
    const rows = aggregate(cells, {
      ...query,
      ...view,
      unattributed: seesUnattributed(who) ? view.idleOnly : [],
    });
    return { who, cells, view, rows, total: mergeFigures(rows, window.from) };
  }
}
