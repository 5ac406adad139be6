import type { Window } from '../../ledger/capacity-cost.js';
import { seesUnattributed } from '../access.js';
import type { Visibility } from '../economics.repository.js';
import { chargeCells } from '../cell-charges.js';
import { aggregate, type GroupFigures } from '../figures.js';
import { ledgerView } from '../ledger-view.js';
import { mergeFigures } from '../row-math.js';
import type { Bucketing } from '../window.js';
import { readCapacity, readCells, readPrices } from './reads.js';
import type { World } from './world.js';

export interface ReportQuery {
  readonly window: Window;
  /** The loader's clock: what has happened by then. */
  readonly now: Date;
  readonly who: Visibility;
  readonly groupBy: readonly string[];
  readonly bucketing: Bucketing;
  readonly shareIdle: boolean;
}

export interface Report {
  readonly rows: GroupFigures[];
  readonly total: GroupFigures;
}

const EVERYONE: Visibility = { tenantId: undefined, scope: {} };

/** EconomicsLoader.load without a baseline_model, on the world instead of the database. */
export function report(world: World, query: ReportQuery): Report {
  const { window, who, groupBy } = query;
  const read = { window, now: query.now };
  const withPolicy = groupBy.includes('policy');
  const readCellsOf = readCells(world, read, who, withPolicy);
  const prices = readPrices(world, window);
  const capacity = readCapacity(world, read);
  const allCells =
    capacity.size === 0
      ? []
      : seesUnattributed(who)
        ? readCellsOf
        : readCells(world, read, EVERYONE, false);
  const view = ledgerView({ window, bucketing: query.bucketing, prices, capacity, allCells });
  const rows = aggregate(chargeCells(readCellsOf, view.allocation), {
    window,
    bucketing: query.bucketing,
    groupBy,
    filters: [],
    shareIdle: query.shareIdle,
    providerOf: view.providerOf,
    priceAt: view.priceAt,
    idleLines: seesUnattributed(who) ? view.allocation.lines : [],
  });
  return { rows, total: mergeFigures(rows, window.from) };
}
