import type { RouterModel } from '../router-model.js';
import { DEFAULT_THRESHOLDS, tierOf } from './metrics.js';
import { textTable } from './text-table.js';

export interface CheckQuestion {
  readonly id: string;
  readonly category: string;
  readonly text: string;
}

export function parseQuestions(jsonl: string): CheckQuestion[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CheckQuestion);
}

/** How each category's questions route at the default thresholds, and the kinds predicted most. */
export function routeByCategory(model: RouterModel, questions: readonly CheckQuestion[]): string {
  const categories = [...new Set(questions.map((q) => q.category))];
  const rows = categories.map((category) => {
    const tiers = { small: 0, medium: 0, frontier: 0 };
    const kinds = new Map<string, number>();
    const mine = questions.filter((q) => q.category === category);
    for (const q of mine) {
      const p = model.predict(q.text);
      tiers[tierOf(p.smallOk, DEFAULT_THRESHOLDS)]++;
      kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    }
    const top = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const kindCell = top.map(([kind, n]) => `${kind} ${n}`).join(', ');
    return [
      category,
      String(mine.length),
      String(tiers.small),
      String(tiers.medium),
      String(tiers.frontier),
      kindCell,
    ];
  });
  return textTable([['category', 'n', 'small', 'medium', 'frontier', 'kinds predicted'], ...rows]);
}
