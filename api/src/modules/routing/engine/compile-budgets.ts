import type { RoutingPolicySpec } from '@sluice/crds';
import { parseUsdMicros } from './money.js';
import type { CompiledBudget, PolicyProblem } from './policy.js';

type Budget = NonNullable<RoutingPolicySpec['budgets']>[number];

/** Budgets with the CRD's defaults and their amounts parsed to micro-dollars once. */
export function compileBudgets(
  budgets: readonly Budget[],
  problems: PolicyProblem[],
): CompiledBudget[] {
  return budgets.map((budget, i) => {
    const monthlyMicros = parseUsdMicros(budget.monthlyUSD);
    if (monthlyMicros === undefined) {
      problems.push({
        field: `spec.budgets[${i}].monthlyUSD`,
        reason: 'InvalidAmount',
        message: `budget ${budget.name}: ${JSON.stringify(budget.monthlyUSD)} is not a USD amount with at most 6 decimals`,
      });
    }
    const action = budget.action ?? 'downgrade';
    if (action === 'downgrade' && budget.downgradeTo === undefined) {
      problems.push({
        field: `spec.budgets[${i}].downgradeTo`,
        reason: 'MissingDowngradeTier',
        message: `budget ${budget.name} downgrades but names no tier`,
      });
    }
    return {
      name: budget.name,
      tagKey: budget.tag.key,
      tagValue: budget.tag.value,
      monthlyMicros,
      thresholdPercent: budget.thresholdPercent ?? 80,
      action,
      downgradeTo: budget.downgradeTo,
    };
  });
}
