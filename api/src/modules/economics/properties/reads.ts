import { knownUntil, type CapacityPoint, type Window } from '../../ledger/capacity-cost.js';
import type { PricePoint } from '../../ledger/cost.js';
import type { Visibility } from '../economics.repository.js';
import type { UsageCell } from '../economics.types.js';
import type { RawRow, World } from './world.js';

/**
 * What EconomicsRepository returns for a window, computed from the world the way its SQL does
 * (economics.sql.ts), so the properties exercise the loader's pure half on realistic inputs.
 * `now`: rows not written yet and capacity not observed yet do not exist.
 */
export interface ReadContext {
  readonly window: Window;
  readonly now: Date;
}

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

const visible = (row: RawRow, who: Visibility) =>
  (who.tenantId === undefined || row.tenantId === who.tenantId) &&
  Object.entries(who.scope).every(([key, value]) => row.tags[key] === value);

/** READ_CELLS (policy '') or READ_CELLS_WITH_POLICY: raw rows summed per hour and key. */
export function readCells(
  world: World,
  read: ReadContext,
  who: Visibility,
  withPolicy: boolean,
): UsageCell[] {
  const { window, now } = read;
  const cells = new Map<string, UsageCell>();
  for (const row of world.rows) {
    const t = row.at.getTime();
    if (t < window.from.getTime() || t >= window.to.getTime() || t >= now.getTime()) continue;
    if (!visible(row, who)) continue;
    const policy = withPolicy ? row.policy : '';
    const hour = hourOf(row.at);
    const key = JSON.stringify([
      hour.getTime(),
      row.tenantId,
      row.model,
      row.tier,
      row.cacheKind,
      row.template,
      row.shadow,
      row.tags,
      policy,
    ]);
    cells.set(key, addRow(cells.get(key) ?? emptyCell(row, hour, policy), row));
  }
  return [...cells.values()];
}

const emptyCell = (row: RawRow, hour: Date, policy: string): UsageCell => ({
  hour,
  tenantId: row.tenantId,
  model: row.model,
  tier: row.tier,
  cacheKind: row.cacheKind,
  template: row.template,
  tags: row.tags,
  policy,
  shadow: row.shadow,
  requests: 0n,
  failedRequests: 0n,
  inputTokens: 0n,
  cachedInputTokens: 0n,
  outputTokens: 0n,
  costUsd: 0n,
  baselineCostUsd: 0n,
  baselineRequests: 0n,
  noCacheCostUsd: 0n,
  latencyMs: 0n,
});

const addRow = (cell: UsageCell, row: RawRow): UsageCell => ({
  ...cell,
  requests: cell.requests + 1n,
  failedRequests: cell.failedRequests + (row.failed ? 1n : 0n),
  inputTokens: cell.inputTokens + row.inputTokens,
  cachedInputTokens: cell.cachedInputTokens + row.cachedInputTokens,
  outputTokens: cell.outputTokens + row.outputTokens,
  costUsd: cell.costUsd + row.costUsd,
  baselineCostUsd: cell.baselineCostUsd + (row.baselineCostUsd ?? 0n),
  baselineRequests: cell.baselineRequests + (row.baselineCostUsd === null ? 0n : 1n),
  noCacheCostUsd: cell.noCacheCostUsd + (row.noCacheCostUsd ?? 0n),
  latencyMs: cell.latencyMs + row.latencyMs,
});

/** READ_PRICES: every price recorded before the window's end. */
export function readPrices(world: World, window: Window): Map<string, PricePoint[]> {
  const prices = new Map<string, PricePoint[]>();
  for (const [model, points] of world.prices) {
    const known = points.filter((p) => p.effectiveFrom.getTime() < window.to.getTime());
    if (known.length > 0) prices.set(model, known);
  }
  return prices;
}

/**
 * READ_CAPACITY then EconomicsRepository.capacity: from the last point at or before the window's
 * start to its end, as known at `now` (knownUntil).
 */
export function readCapacity(world: World, read: ReadContext): Map<string, CapacityPoint[]> {
  const { window, now } = read;
  const capacity = new Map<string, CapacityPoint[]>();
  for (const [model, all] of world.capacity) {
    const observed = all.filter((p) => p.observedAt.getTime() < now.getTime());
    const atStart = observed
      .filter((p) => p.observedAt.getTime() <= window.from.getTime())
      .reduce((max, p) => Math.max(max, p.observedAt.getTime()), Number.NEGATIVE_INFINITY);
    const points = observed.filter(
      (p) => p.observedAt.getTime() < window.to.getTime() && p.observedAt.getTime() >= atStart,
    );
    if (points.length > 0) capacity.set(model, knownUntil(points, now));
  }
  return capacity;
}
