import { routeError, type RouteError } from './errors.js';
import { formatUsd, percentOf, type Micros } from './money.js';
import type { CompiledBudget, CompiledPolicy } from './policy.js';

/** Month-to-date spend per tag, from the ledger; injected so the engine stays pure. */
export interface SpendSnapshot {
  /** The UTC calendar month the figures cover, as "YYYY-MM". */
  readonly month: string;
  /** Micro-dollars spent this month per tag, keyed "key=value" (for example "team=search"). */
  readonly spentMicros: ReadonlyMap<string, Micros>;
}

export interface BudgetDowngrade {
  readonly budget: string;
  readonly fromTier: string;
  readonly toTier: string;
  /** Whole percent of the monthly budget spent. */
  readonly percentSpent: number;
}

export interface BudgetOutcome {
  readonly tier: string;
  /** Set when a budget moved the query to a cheaper tier. */
  readonly downgrade: BudgetDowngrade | undefined;
}

/** Budgets are monthly in UTC, so every replica and the ledger agree on when a month ends. */
export function monthOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Applies the policy's budgets to a query headed for `tier`. A budget whose tag the query carries
 * and whose spend reached thresholdPercent either rejects (RESOURCE_EXHAUSTED naming it; any
 * rejecting budget wins) or downgrades to its tier when that is cheaper (earlier in spec.tiers)
 * than the route's. Without spend figures, or with figures of another month (a new month began:
 * spend is zero), nothing is enforced: routing must not stop because the ledger is late.
 */
export function applyBudgets(
  policy: CompiledPolicy,
  query: { readonly tier: string; readonly tags: Readonly<Record<string, string>> },
  spend: SpendSnapshot | undefined,
  now: Date,
): BudgetOutcome | RouteError {
  const none = { tier: query.tier, downgrade: undefined };
  if (spend === undefined || spend.month !== monthOf(now)) return none;
  const exhausted = policy.budgets.flatMap((budget) => {
    const spent = spentOn(budget, query.tags, spend);
    return spent === undefined ? [] : [{ budget, spent }];
  });
  const reject = exhausted.find(({ budget }) => budget.action === 'reject');
  if (reject) return rejection(reject.budget, reject.spent);
  for (const { budget, spent } of exhausted) {
    const downgrade = downgradeOf(policy, budget, spent, query.tier);
    if (downgrade) return { tier: downgrade.toTier, downgrade };
  }
  return none;
}

/** Month-to-date spend under the budget when it applies to these tags and is past its threshold. */
function spentOn(
  budget: CompiledBudget,
  tags: Readonly<Record<string, string>>,
  spend: SpendSnapshot,
): Micros | undefined {
  const limit = budget.monthlyMicros;
  if (limit === undefined || tags[budget.tagKey] !== budget.tagValue) return undefined;
  const spent = spend.spentMicros.get(`${budget.tagKey}=${budget.tagValue}`) ?? 0n;
  // Exact: spent / limit >= threshold / 100, without division.
  return spent * 100n >= limit * BigInt(budget.thresholdPercent) ? spent : undefined;
}

function downgradeOf(
  policy: CompiledPolicy,
  budget: CompiledBudget,
  spent: Micros,
  tier: string,
): BudgetDowngrade | undefined {
  const target = budget.downgradeTo;
  if (target === undefined) return undefined;
  const to = policy.tierIndex.get(target);
  const from = policy.tierIndex.get(tier);
  // Never an upgrade: a query already on the budget tier or a cheaper one stays where it is.
  if (to === undefined || from === undefined || to >= from) return undefined;
  const percentSpent = percentOf(spent, budget.monthlyMicros ?? 0n);
  return { budget: budget.name, fromTier: tier, toTier: target, percentSpent };
}

function rejection(budget: CompiledBudget, spent: Micros): RouteError {
  const limit = budget.monthlyMicros ?? 0n;
  const message =
    `budget ${budget.name} exhausted: ${budget.tagKey}=${budget.tagValue} spent ` +
    `$${formatUsd(spent)} of $${formatUsd(limit)} this month ` +
    `(${percentOf(spent, limit)}% >= ${budget.thresholdPercent}%)`;
  return routeError('RESOURCE_EXHAUSTED', message);
}
