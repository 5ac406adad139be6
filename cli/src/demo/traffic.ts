// A synthetic day of traffic for `sluice demo`: several teams, the task kinds of the examples'
// RoutingPolicy, questions asked again word for word (exact cache) and reworded (semantic
// cache). Pure and seeded: the same seed gives the same day, a new seed a day no cache has seen.

export type DemoTask =
  'classification' | 'extraction' | 'formatting' | 'short-answer' | 'reasoning' | 'code';

export interface DemoQuery {
  readonly team: string;
  readonly task: DemoTask;
  readonly text: string;
  /** new, a word-for-word repeat of an earlier query, or an earlier query reworded. */
  readonly kind: 'new' | 'repeat' | 'paraphrase';
}

/** Which teams send which tasks: the tags Economics groups by. */
export const TEAMS: Record<string, readonly DemoTask[]> = {
  support: ['classification', 'short-answer', 'classification'],
  search: ['extraction', 'short-answer'],
  finance: ['reasoning', 'formatting'],
  platform: ['code', 'formatting'],
};

const SUBJECTS = ['invoice', 'refund', 'login', 'shipment', 'subscription', 'password', 'report'];
const PROMPTS: Record<DemoTask, (subject: string, n: number) => string> = {
  classification: (s, n) =>
    `Classify ticket ${n} as billing, account or other: "My ${s} is wrong."`,
  extraction: (s, n) =>
    `Extract the order id and date from: "Order ${n} (${s}) shipped 2026-11-0${(n % 9) + 1}."`,
  formatting: (s, n) => `Format as a JSON object with keys id and topic: id ${n}, topic ${s}.`,
  'short-answer': (s, n) => `In one sentence, how do I reset my ${s}? (case ${n})`,
  reasoning: (s, n) =>
    `Analyze step by step why ${s} costs of account ${n} rose ${n % 40}% and compare the options.`,
  code: (s, n) => `Write a TypeScript function that validates a ${s} record with id ${n}.`,
};

/** mulberry32: a tiny seeded generator, so a day is reproducible without a dependency. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

/** The same question in other words (the semantic cache's case). */
export const paraphrase = (text: string): string => `Please answer this: ${text.toLowerCase()}`;

export interface DayOptions {
  readonly queries: number;
  readonly seed: number;
  /** Earlier queries a repeat may copy are at least this far back, so their answers are stored. */
  readonly gap: number;
}

/** `queries` queries: about 20% repeats and 5% paraphrases of earlier new ones, the rest new. */
export function syntheticDay(options: DayOptions): DemoQuery[] {
  const random = seeded(options.seed);
  const day: DemoQuery[] = [];
  for (let i = 0; i < options.queries; i++) {
    const earlier = day.slice(0, Math.max(0, i - options.gap)).filter((q) => q.kind === 'new');
    const roll = random();
    if (earlier.length > 0 && roll < 0.25) {
      const source = pick(earlier, random);
      const kind = roll < 0.2 ? 'repeat' : 'paraphrase';
      day.push({
        ...source,
        kind,
        text: kind === 'repeat' ? source.text : paraphrase(source.text),
      });
      continue;
    }
    const team = pick(Object.keys(TEAMS), random);
    const task = pick(TEAMS[team] ?? [], random);
    const n = (options.seed % 10_000) + i;
    day.push({ team, task, kind: 'new', text: PROMPTS[task](pick(SUBJECTS, random), n) });
  }
  return day;
}
