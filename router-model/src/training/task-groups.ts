import { createHash } from 'node:crypto';
import type { Example } from './examples.js';

/**
 * The source task or template an example was made from, read from its id (README "Figures"):
 * `p3:<template>-NNNN` and `bbh:<task>-NNN` -> the template or task; `authored:<tag>-...` -> the
 * authored file (tags oq, bs, rs, rw, sm; rewrites and summaries share passages across asks, so
 * the file, not the ask, is the unit); anything else (one Self-Instruct task, one GSM8K problem,
 * one HumanEval function, one Arena-Hard prompt) is its own group.
 */
export function groupKeyOf(id: string): string {
  const colon = id.indexOf(':');
  const source = colon < 0 ? '' : id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (source === 'p3' || source === 'bbh') {
    const numbered = /^(.+)-\d+$/.exec(key);
    if (numbered?.[1]) return `${source}:${numbered[1]}`;
  }
  if (source === 'authored') {
    const dash = key.indexOf('-');
    if (dash > 0) return `authored:${key.slice(0, dash)}`;
  }
  return id;
}

/**
 * Folds of the unseen-tasks figure: each fold holds out ~1/5 of the groups and a model trained on
 * the rest is measured on them. One fold alone swings by 20 points with which groups a hash
 * happens to pick (whether an authored file, nearly all of a kind, is among them), so every fold
 * is held out once and the figures pool all of them.
 */
export const GROUP_FOLDS = 5;

/** The fold a group is held out in: a hash of its key, never a choice, so the same every run. */
export function foldOf(key: string, folds = GROUP_FOLDS): number {
  const digest = createHash('sha256').update(`unseen-tasks:${key}`).digest();
  return Math.floor((digest.readUInt32BE(0) / 2 ** 32) * folds);
}

export interface GroupedHoldout {
  /** Examples of the kept groups, every split (training reads only their train and calibration). */
  readonly kept: Example[];
  /** Every example of the held-out groups, whatever its split: the model never saw their task. */
  readonly heldOut: Example[];
  readonly keptGroups: number;
  readonly heldOutGroups: number;
}

export function holdOutGroups(
  examples: readonly Example[],
  fold: number,
  folds = GROUP_FOLDS,
): GroupedHoldout {
  const kept: Example[] = [];
  const heldOut: Example[] = [];
  const keptKeys = new Set<string>();
  const heldOutKeys = new Set<string>();
  for (const example of examples) {
    const key = groupKeyOf(example.id);
    if (foldOf(key, folds) === fold) {
      heldOut.push(example);
      heldOutKeys.add(key);
    } else {
      kept.push(example);
      keptKeys.add(key);
    }
  }
  return { kept, heldOut, keptGroups: keptKeys.size, heldOutGroups: heldOutKeys.size };
}
