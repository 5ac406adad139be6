import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { parsePicos, type Picos } from '../ledger/money.js';
import { monthOf } from '../routing/engine/index.js';
import { usd } from '../economics/wire-money.js';

// Pure parts of the per-token monthly budget: what a snapshot of month-to-date spend says about
// one token at one instant, and the error Route answers with.

/** Month-to-date spend of every budgeted token, as read at one instant. */
export interface TokenSpendSnapshot {
  /** "YYYY-MM" (UTC) of the read: a snapshot of last month says nothing about this one. */
  readonly month: string;
  readonly spent: ReadonlyMap<string, Picos>;
}

/** The token's spend this month per the snapshot: 0 when it spent nothing, undefined unknown. */
export function spentThisMonth(
  snapshot: TokenSpendSnapshot | undefined,
  tokenId: string,
  now: Date,
): Picos | undefined {
  if (snapshot === undefined) return undefined;
  if (snapshot.month !== monthOf(now)) return 0n;
  return snapshot.spent.get(tokenId) ?? 0n;
}

/**
 * RESOURCE_EXHAUSTED once the spend reaches the budget (numeric text), naming the token and its
 * budget; undefined while within it or while the spend is not known yet (first read pending).
 */
export function budgetError(
  token: { readonly name: string; readonly monthlyBudgetUsd: string },
  spent: Picos | undefined,
): SluiceError | undefined {
  const budget = parsePicos(token.monthlyBudgetUsd);
  if (spent === undefined || spent < budget) return undefined;
  return new SluiceError(
    GrpcStatus.RESOURCE_EXHAUSTED,
    `API token "${token.name}" has spent $${usd(spent)} of its monthly budget of ` +
      `$${usd(budget)}; it routes again next month (UTC) or with a token of a larger budget`,
  );
}
