import type { RouterModel } from '../router-model.js';

export interface Timing {
  readonly p50Us: number;
  readonly p99Us: number;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ??
    Number.NaN
  );
}

/** predict() wall time over `prompts`, cycled `rounds` times after one warm-up pass. */
export function timePredict(model: RouterModel, prompts: readonly string[], rounds = 3): Timing {
  for (const prompt of prompts) model.predict(prompt);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const prompt of prompts) {
      const start = process.hrtime.bigint();
      model.predict(prompt);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  return { p50Us: percentile(times, 50), p99Us: percentile(times, 99) };
}

/** A ~`chars` prompt of mixed prose and code, for the long-prompt figure. */
export function longPrompt(chars: number): string {
  const parts = [
    'Please review the following code and explain what it does. ',
    'function total(items) { return items.reduce((sum, x) => sum + x.price * x.qty, 0); }\n',
    'The quarterly report shows revenue grew 12% while costs fell 3%. ',
    'Why does the loop never end when n is negative?\n',
  ];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += parts[i % parts.length] ?? '';
  return text.slice(0, chars);
}
