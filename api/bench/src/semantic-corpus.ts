import { readFileSync } from 'node:fs';
import { PROMPTS } from './prompts.js';

// Questions the semantic cache is measured with: the router model's example prompts (4,782
// texts in a dozen languages: code, maths, extraction, chat...), each reworded the way users
// ask the same thing again: a greeting or an instruction around it, a word dropped or two
// swapped, now and then a ticket number. Deterministic (seeded), so every run and every
// configuration sees the same vectors.

const EXAMPLES = new URL('../../../router-model/data/examples.jsonl', import.meta.url);

const PREFIXES = ['', 'Please ', 'Quick question: ', 'Hi, ', 'Can you help? ', 'For my team: '];
const SUFFIXES = ['', ' Thanks.', ' Be brief.', ' Answer in French.', ' Use bullet points.'];

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function exampleTexts(): string[] {
  return readFileSync(EXAMPLES, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** One rewording of `text`, drawn from `random`. */
export function reword(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = text.split(/\s+/);
  const edit = random();
  const at = Math.floor(random() * (words.length - 1));
  if (words.length > 3 && edit < 0.3) words.splice(at, 1);
  else if (words.length > 3 && edit < 0.5)
    words.splice(at, 2, words[at + 1] ?? '', words[at] ?? '');
  const ticket = random() < 0.3 ? ` (ticket ${Math.floor(random() * 10_000)})` : '';
  return `${pick(PREFIXES)}${words.join(' ')}${pick(SUFFIXES)}${ticket}`;
}

export type CorpusName = 'reworded' | 'numbered';

export interface Corpus {
  readonly stored: readonly string[];
  /** Questions asked of an index holding the first `size` stored ones. */
  askedAt(size: number): string[];
}

export function corpus(name: CorpusName, count: number, queries: number): Corpus {
  return name === 'reworded' ? semanticCorpus(count, queries) : numberedCorpus(count, queries);
}

/**
 * The Route bench's prompts with the call's number appended (targets.ts): three questions in
 * thousands of copies that differ by one number, so an index holds dense clumps of near-ties.
 * Where the first figures came from; no reworded traffic looks like this.
 */
function numberedCorpus(count: number, queries: number): Corpus {
  const text = (i: number) => `${PROMPTS[i % PROMPTS.length]?.text ?? ''}\n(request ${i})`;
  return {
    stored: Array.from({ length: count }, (_, i) => text(i)),
    askedAt: (size) => Array.from({ length: queries }, (_, i) => text(size + 1_000_000 + i)),
  };
}

/**
 * `count` stored questions (the examples in turn, each reworded anew) and `queries` questions
 * asked later: fresh rewordings of examples among the first `count` stored, so each has
 * relatives in the index but is not itself stored.
 */
export function semanticCorpus(count: number, queries: number, seed = 42): Corpus {
  const texts = exampleTexts();
  const random = seeded(seed);
  const stored = Array.from({ length: count }, (_, i) =>
    reword(texts[i % texts.length] ?? '', random),
  );
  const askedAt = (size: number) => {
    const ask = seeded(seed + size);
    return Array.from({ length: queries }, () => {
      const base = texts[Math.floor(ask() * Math.min(size, texts.length))] ?? '';
      return reword(base, ask);
    });
  };
  return { stored, askedAt };
}
