import type { CapacityPoint, Window } from '../ledger/capacity-cost.js';
import type { Picos } from '../ledger/money.js';
import { allocateHour, type LedgerCell } from './allocated-hours.js';
import { cellKey } from './cell-key.js';
import type { UsageCell } from './economics.types.js';
import { shareIdle, type IdleLine } from './idle-share.js';
import { modelHours, type AllocatedHour } from './model-hours.js';
import { bucketStart, type Bucketing } from './window.js';

/** What one ledger cell is charged of its model's GPU time (README "Allocation" 2, 4, 5). */
export interface CellCharge {
  /** A model call: floor(used x t / S). A cache hit: that price, its no-cache cost. */
  readonly used: Picos;
  /** A model call: floor(I x t / T) of its bucket, charged only with share_idle. */
  readonly sharedIdle: Picos;
}

/** The allocation of every self-hosted model's GPU time over ALL tenants' traffic. */
export interface Allocation {
  readonly hours: ReadonlyMap<string, readonly AllocatedHour[]>;
  /** By cellKey; undefined for cells of models without model hours. */
  readonly charge: (key: string) => CellCharge | undefined;
  readonly lines: readonly IdleLine[];
}

export interface AllocationFacts {
  readonly window: Window;
  readonly bucketing: Bucketing;
  /** Capacity points per model, as known now (EconomicsRepository.capacity). */
  readonly capacity: ReadonlyMap<string, readonly CapacityPoint[]>;
  /** Every tenant's cells, any read (parts of a ledger cell are merged back). */
  readonly allCells: readonly UsageCell[];
}

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

/** The ledger cells of the models with capacity, parts of one key merged. */
function ledgerCells(facts: AllocationFacts): Map<string, LedgerCell[]> {
  const byKey = new Map<string, LedgerCell>();
  for (const cell of facts.allCells) {
    if (!facts.capacity.has(cell.model)) continue;
    const key = cellKey(cell);
    const tokens = cell.inputTokens + cell.cachedInputTokens + cell.outputTokens;
    const seen = byKey.get(key);
    byKey.set(key, {
      key,
      model: cell.model,
      hour: cell.hour,
      call: cell.cacheKind === 'none',
      tokens: (seen?.tokens ?? 0n) + tokens,
      latencyMs: (seen?.latencyMs ?? 0n) + cell.latencyMs,
    });
  }
  const byModel = new Map<string, LedgerCell[]>();
  for (const cell of byKey.values()) pushTo(byModel, cell.model, cell);
  return byModel;
}

export function allocate(facts: AllocationFacts): Allocation {
  const cellsOf = ledgerCells(facts);
  const used = new Map<string, Picos>();
  const shared = new Map<string, Picos>();
  const hours = new Map<string, AllocatedHour[]>();
  const lines: IdleLine[] = [];
  const bucketOf = (at: Date) => bucketStart(at, facts.bucketing, facts.window);
  for (const [model, points] of facts.capacity) {
    const cells = cellsOf.get(model) ?? [];
    const byHour = new Map<number, LedgerCell[]>();
    for (const c of cells) pushTo(byHour, c.hour.getTime(), c);
    const inHour = (hour: Date) => byHour.get(hour.getTime()) ?? [];
    const allocated = modelHours(model, points, facts.window).map((hour) =>
      allocateHour(hour, inHour(hour.hour), used),
    );
    hours.set(model, allocated);
    const calls = cells.filter((c) => c.call);
    const idle = shareIdle(model, allocated, calls, bucketOf);
    lines.push(...idle.lines);
    idle.shares.forEach((share, key) => shared.set(key, share));
  }
  return {
    hours,
    charge: (key) => {
      const charge = used.get(key);
      const idle = shared.get(key);
      if (charge === undefined && idle === undefined) return undefined;
      return { used: charge ?? 0n, sharedIdle: idle ?? 0n };
    },
    lines,
  };
}
