import type { Picos } from '../ledger/money.js';
import type { OutcomeFact } from './economics.repository.js';
import type { OutcomeTotals } from './unit-economics.js';

/**
 * Outcomes carry tags but no model, tier or template, so they belong to a group only when every
 * group_by dimension is a tag: an outcome then counts for the group whose tag values it carries
 * ('' for a tag it lacks). Under any other grouping only the total has outcomes.
 */
export const outcomesGroupable = (groupBy: readonly string[]): boolean =>
  groupBy.every((d) => d.startsWith('tag:'));

export const outcomeGroupKey = (groupBy: readonly string[], outcome: OutcomeFact): string =>
  JSON.stringify(groupBy.map((d) => outcome.tags[d.slice(4)] ?? ''));

/**
 * Outcome totals per name for each group key (or one key, '*', for everything). A report's
 * value_usd is its own total, so values add up per report, not per outcome it counts.
 */
export function outcomeTotals(
  outcomes: readonly OutcomeFact[],
  keyOf: (outcome: OutcomeFact) => string,
  linkedCost: (outcome: OutcomeFact) => Picos,
): Map<string, OutcomeTotals[]> {
  const byKey = new Map<string, Map<string, OutcomeTotals>>();
  for (const outcome of outcomes) {
    const key = keyOf(outcome);
    const names = byKey.get(key) ?? new Map<string, OutcomeTotals>();
    byKey.set(key, names);
    const totals = names.get(outcome.name) ?? {
      name: outcome.name,
      count: 0n,
      valueUsd: 0n,
      linkedUsd: 0n,
    };
    names.set(outcome.name, totals);
    // A report may count several outcomes (router.proto quantity): count is their sum.
    totals.count += outcome.quantity;
    totals.valueUsd += outcome.valueUsd;
    totals.linkedUsd += linkedCost(outcome);
  }
  return new Map([...byKey].map(([key, names]) => [key, [...names.values()]]));
}
