// Pure parts of the month-to-date spend Route's budget check reads: which tags to total (every
// budget of every current policy), the month window, and wire money -> engine micro-dollars.
import type { CompiledPolicy, Micros, SpendSnapshot } from '../routing/engine/index.js';
import { monthOf } from '../routing/engine/index.js';

/** Tag keys to group by, and the "key=value" totals the budgets need, over all policies. */
export function budgetTags(policies: readonly CompiledPolicy[]): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const { tagKey, tagValue } of policies.flatMap((p) => p.budgets)) {
    byKey.set(tagKey, (byKey.get(tagKey) ?? new Set()).add(tagValue));
  }
  return byKey;
}

/** [first instant of now's UTC month, now). */
export function monthToDate(now: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
}

const USD = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Wire money (up to twelve decimals, ADR 0005) to micro-dollars, rounded UP: a budget must not
 * look less spent than it is. Undefined when the text is not a decimal.
 */
export function usdToMicrosCeil(text: string): Micros | undefined {
  const match = USD.exec(text.trim());
  if (match === null) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  const remainder = /[1-9]/.test(fraction.slice(6)) ? 1n : 0n;
  return sign === '-' ? -micros : micros + remainder;
}

/** The snapshot decide() reads, from per-tag totals ("key=value" -> micros). */
export function spendSnapshot(now: Date, totals: ReadonlyMap<string, Micros>): SpendSnapshot {
  return { month: monthOf(now), spentMicros: new Map(totals) };
}
