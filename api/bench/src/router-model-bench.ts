import { loadDefaultRouterModel } from '@sluice/router-model';
import { PROMPTS } from './prompts.js';
import { fmt, table } from './report.js';
import { percentile, ratio } from './stats.js';

// The learned classifier's decision time (features + model) in-process, against an in-run
// baseline: one String.prototype.toLowerCase pass over the same prompt, the least any text
// classifier does. predict() reads a bounded window, so its time should stay flat with the
// prompt's length while the baseline grows with it.

const SIZES = [
  { label: '~100 tokens', chars: 400 },
  { label: '~1k tokens', chars: 4_000 },
  { label: '~8k tokens', chars: 32_000 },
];
const CALLS = 5_000;

export interface RouterModelFigures {
  readonly version: string;
  readonly size: string;
  readonly chars: number;
  readonly predictP50Us: number;
  readonly predictP99Us: number;
  readonly baselineP50Us: number;
  readonly baselineP99Us: number;
  readonly ratioP50: number;
}

/** A prompt of `chars` characters from the Route bench's mix of prompts. */
function promptOf(chars: number): string {
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${PROMPTS[i % PROMPTS.length]?.text ?? ''}\n`;
  return text.slice(0, chars);
}

function timeUs(calls: number, run: (i: number) => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 500; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    run(i);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export function benchRouterModel(): RouterModelFigures[] {
  const model = loadDefaultRouterModel();
  const figures = SIZES.map(({ label, chars }) => {
    const base = promptOf(chars);
    // A distinct string per call, built before timing, so no call is served from a cache.
    const prompts = Array.from({ length: 64 }, (_, i) => `${base} ${i}`);
    const predict = timeUs(CALLS, (i) => model.predict(prompts[i % prompts.length] ?? base));
    const baseline = timeUs(CALLS, (i) => (prompts[i % prompts.length] ?? base).toLowerCase());
    return {
      version: model.version,
      size: label,
      chars,
      predictP50Us: predict.p50,
      predictP99Us: predict.p99,
      baselineP50Us: baseline.p50,
      baselineP99Us: baseline.p99,
      ratioP50: ratio(predict.p50, baseline.p50),
    };
  });
  const rows = figures.map((f) => [
    f.size,
    String(f.chars),
    fmt(f.predictP50Us),
    fmt(f.predictP99Us),
    fmt(f.baselineP50Us),
    fmt(f.baselineP99Us),
    `${fmt(f.ratioP50)}x`,
  ]);
  const header = [
    'prompt',
    'chars',
    'predict p50 us',
    'p99 us',
    'toLowerCase p50 us',
    'p99 us',
    'p50 ratio',
  ];
  console.log(`Router model ${model.version}: decision time in-process (${CALLS} calls each)`);
  console.log(table([header, ...rows]), '\n');
  return figures;
}
