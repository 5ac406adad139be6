import type { UsageCell } from './economics.types.js';
import type { Kinds } from './floor-split.js';

/**
 * The ledger's hourly key of a cell (hour, tenant, model, tier, cache kind, template, shadow,
 * tags): the grain the allocation rounds at (README "Allocation" 2). Reads split by policy or
 * by a baseline model's price changes give several parts of one such cell; they share its key.
 */
export function cellKey(cell: UsageCell): string {
  const tags = Object.entries(cell.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    cell.hour.getTime(),
    cell.tenantId,
    cell.model,
    cell.tier,
    cell.cacheKind,
    cell.template,
    cell.shadow,
    tags,
  ]);
}

/** A cell's token counts (a cache hit's are its source's: what it would have needed). */
export const cellKinds = (cell: UsageCell): Kinds => ({
  input: cell.inputTokens,
  cached: cell.cachedInputTokens,
  output: cell.outputTokens,
});
