import { decide, DEFAULT_PROMPT_LIMITS } from '../../dist/modules/routing/engine/index.js';
import { extractFeatures } from '../../dist/modules/routing/engine/features.js';
import { measurePrompt } from '../../dist/modules/routing/engine/tokens.js';
import { exampleRoutingView } from '../../dist/modules/routing/testing/in-memory-routing-view.js';
import { PROMPTS } from './prompts.js';
import { fmt, table } from './report.js';
import { percentile } from './stats.js';

// The decision alone (issue 15 goal 1: p99 under 100 us): decide() on the example policy, in
// process, the Route bench's mix with each call's number appended (as Route's misses are), so no
// two texts are the same. Its steps are timed apart on the same texts, to say where time goes.

const CALLS = 5_000;
const WARMUP = 1_000;

export interface DecisionFigures {
  readonly step: string;
  readonly prompt: string;
  readonly p50Us: number;
  readonly p99Us: number;
  /** CPU time of the whole loop per call: preemption on a shared machine inflates wall p99. */
  readonly cpuUs: number;
}

function time(texts: readonly string[], run: (text: string, i: number) => unknown) {
  for (let i = 0; i < WARMUP; i++) run(texts[i % texts.length] ?? '', i);
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    const start = process.hrtime.bigint();
    run(text, i);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  return {
    p50Us: percentile(times, 50),
    p99Us: percentile(times, 99),
    cpuUs: (used.user + used.system) / texts.length,
  };
}

/** As route-input.ts maps the wire: an empty task label is none. */
const requestOf = (prompt: string, taskLabel: string, i: number) => ({
  prompt,
  decisionId: `d${i}`,
  ...(taskLabel === '' ? {} : { taskLabel }),
});

export function benchDecision(): DecisionFigures[] {
  const snapshot = exampleRoutingView().snapshot('default', 'default');
  if (snapshot === undefined) throw new Error('the example policy did not compile');
  const { complexKeywords } = snapshot.policy.classifier;
  const kinds = [...new Map(PROMPTS.map((p) => [p.kind, p])).values()];
  const mixes = [
    { kind: 'mix', prompts: PROMPTS },
    ...kinds.map((p) => ({ kind: p.kind, prompts: [p] })),
  ];
  const figures: DecisionFigures[] = [];
  for (const { kind, prompts } of mixes) {
    const at = (i: number) => prompts[i % prompts.length] ?? PROMPTS[0];
    const texts = Array.from({ length: CALLS }, (_, i) => `${at(i)?.text}\n(request ${i})`);
    const now = new Date();
    const deps = { random: Math.random, now: () => now, sticky: true };
    const steps: Array<[string, (text: string, i: number) => unknown]> = [
      ['decide()', (text, i) => decide(requestOf(text, at(i)?.taskLabel ?? '', i), snapshot, deps)],
      ['  tokens', (text) => measurePrompt({ text }, DEFAULT_PROMPT_LIMITS)],
      ['  features', (text) => extractFeatures(text, 100, complexKeywords)],
      ['  router model', (text) => snapshot.model?.predict(text)],
    ];
    for (const [step, run] of steps) figures.push({ step, prompt: kind, ...time(texts, run) });
  }
  return figures;
}

export function decisionTable(figures: readonly DecisionFigures[]): string {
  const rows = figures.map((f) => [f.prompt, f.step, fmt(f.p50Us), fmt(f.p99Us), fmt(f.cpuUs)]);
  return [
    `The decision alone: decide() on examples/routing-policy.yaml in process, ${CALLS} new texts per row (goal: p99 < 100 us for the mix)`,
    table([['prompt', 'step', 'p50 us', 'p99 us', 'CPU us/call'], ...rows]),
  ].join('\n');
}
