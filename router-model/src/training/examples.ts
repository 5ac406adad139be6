import { isTaskKind, type TaskKind } from '../kinds.js';

export const SPLITS = ['train', 'calibration', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** One line of data/examples.jsonl (README "Data"). */
export interface Example {
  readonly id: string;
  readonly source: string;
  readonly kind: TaskKind;
  readonly split: Split;
  readonly text: string;
}

/** Parses and checks every line; the first bad line throws with its number. */
export function parseExamples(jsonl: string): Example[] {
  const examples: Example[] = [];
  const lines = jsonl.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]?.trim();
    if (!line) continue;
    examples.push(toExample(JSON.parse(line) as Record<string, unknown>, n + 1));
  }
  return examples;
}

function toExample(raw: Record<string, unknown>, line: number): Example {
  const { id, source, kind, split, text } = raw;
  if (typeof id !== 'string' || typeof text !== 'string' || typeof source !== 'string') {
    throw new Error(`examples line ${line}: id, source and text must be strings`);
  }
  if (typeof kind !== 'string' || !isTaskKind(kind)) {
    throw new Error(`examples line ${line}: unknown kind ${String(kind)}`);
  }
  if (!(SPLITS as readonly unknown[]).includes(split)) {
    throw new Error(`examples line ${line}: unknown split ${String(split)}`);
  }
  return { id, source, kind, split: split as Split, text };
}
