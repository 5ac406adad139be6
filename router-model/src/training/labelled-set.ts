import type { Artifact } from '../model/artifact.js';
import { isTaskKind, TASK_KINDS, type TaskKind } from '../kinds.js';
import type { Example } from './examples.js';
import {
  confusionMatrix,
  DEFAULT_THRESHOLDS,
  frontierPoint,
  kindScores,
  macroF1,
  tierAgreement,
  type FrontierPoint,
} from './metrics.js';
import { argmaxOf, probabilitiesOf, scoreExamples, smallOksOf } from './scoring.js';

/** One line of a check set such as checks/clear-cut/prompts.jsonl. */
export interface CheckPrompt {
  readonly id: string;
  readonly kind: TaskKind;
  readonly text: string;
}

export function parseCheckPrompts(jsonl: string): CheckPrompt[] {
  return jsonl
    .split('\n')
    .map((line, n) => ({ line: line.trim(), n: n + 1 }))
    .filter(({ line }) => line)
    .map(({ line, n }) => {
      const { id, kind, text } = JSON.parse(line) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof text !== 'string') {
        throw new Error(`check prompts line ${n}: id and text must be strings`);
      }
      if (typeof kind !== 'string' || !isTaskKind(kind)) {
        throw new Error(`check prompts line ${n}: unknown kind ${String(kind)}`);
      }
      return { id, kind, text };
    });
}

export interface Miss {
  readonly id: string;
  readonly kind: TaskKind;
  readonly predicted: TaskKind;
  readonly smallOk: number;
}

/** An artifact's figures on a labelled set, at the default thresholds (small 0.7, frontier < 0.3). */
export interface SetFigures {
  readonly examples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly tierAgreement: number;
  readonly atDefaults: FrontierPoint;
  readonly misses: readonly Miss[];
}

/** An artifact's predictions on a set, before any figure: what folds pool. */
export interface SetPredictions {
  readonly examples: readonly Example[];
  readonly labels: readonly number[];
  readonly predicted: readonly number[];
  readonly smallOks: readonly number[];
}

export function predictSet(
  { header, model }: Artifact,
  items: readonly (CheckPrompt | Example)[],
): SetPredictions {
  // A check prompt scores like a test example; an Example keeps its own source and split.
  const examples = items.map((item): Example => ({ source: 'check', split: 'test', ...item }));
  const scored = scoreExamples(model, header.features, examples);
  const probabilities = probabilitiesOf(scored, header.temperature);
  return {
    examples,
    labels: Array.from(scored.labels),
    predicted: Array.from(argmaxOf(probabilities, scored.classes)),
    smallOks: Array.from(smallOksOf(probabilities, header.acceptance)),
  };
}

export function concatPredictions(parts: readonly SetPredictions[]): SetPredictions {
  return {
    examples: parts.flatMap((p) => p.examples),
    labels: parts.flatMap((p) => p.labels),
    predicted: parts.flatMap((p) => p.predicted),
    smallOks: parts.flatMap((p) => p.smallOks),
  };
}

export function setFigures({ examples, labels, predicted, smallOks }: SetPredictions): SetFigures {
  const labelArray = Uint8Array.from(labels);
  const predictedArray = Uint8Array.from(predicted);
  const smallOkArray = Float64Array.from(smallOks);
  const misses: Miss[] = [];
  examples.forEach((e, i) => {
    const p = TASK_KINDS[predicted[i] ?? 0] ?? e.kind;
    if (p !== e.kind)
      misses.push({ id: e.id, kind: e.kind, predicted: p, smallOk: smallOks[i] ?? 0 });
  });
  return {
    examples: examples.length,
    accuracy: (examples.length - misses.length) / Math.max(1, examples.length),
    macroF1: macroF1(kindScores(confusionMatrix(labelArray, predictedArray, TASK_KINDS.length))),
    tierAgreement: tierAgreement(smallOkArray, labelArray, DEFAULT_THRESHOLDS),
    atDefaults: frontierPoint(smallOkArray, labelArray, DEFAULT_THRESHOLDS.medium),
    misses,
  };
}

export function evaluateOnSet(
  artifact: Artifact,
  items: readonly (CheckPrompt | Example)[],
): SetFigures {
  return setFigures(predictSet(artifact, items));
}

/** Floors for a set's figures (eval-floors.json `clearCut`, `unseenTasks`). */
export interface SetFloors {
  readonly accuracy: number;
  readonly macroF1?: number;
  readonly tierAgreement: number;
  readonly frontierRecall: number;
  readonly frontierShareMax: number;
}

export function setBelowFloors(name: string, f: SetFigures, floors: SetFloors): string[] {
  const figures: [string, number, number | undefined, 'min' | 'max'][] = [
    ['accuracy', f.accuracy, floors.accuracy, 'min'],
    ['macroF1', f.macroF1, floors.macroF1, 'min'],
    ['tierAgreement', f.tierAgreement, floors.tierAgreement, 'min'],
    ['frontierRecall', f.atDefaults.frontierRecall, floors.frontierRecall, 'min'],
    ['frontierShare', f.atDefaults.frontierShare, floors.frontierShareMax, 'max'],
  ];
  return figures
    .filter(([, value, floor, way]) =>
      floor === undefined ? false : way === 'min' ? value < floor : value > floor,
    )
    .map(
      ([figure, value, floor, way]) =>
        `${name}.${figure} ${value.toFixed(3)} ${way === 'min' ? '<' : '>'} ${String(floor)}`,
    );
}

export function setReport(f: SetFigures, withMisses: boolean): string {
  const lines = [
    `  ${f.examples} prompts: kind accuracy ${f.accuracy.toFixed(3)}, macro-F1 ${f.macroF1.toFixed(3)}, tier agreement ${f.tierAgreement.toFixed(3)}`,
    `  default thresholds (70/30): needs-frontier recall ${f.atDefaults.frontierRecall.toFixed(3)}, frontier share ${f.atDefaults.frontierShare.toFixed(3)}`,
  ];
  if (withMisses && f.misses.length > 0) {
    // Grouped by label -> prediction: the off-diagonal cells of the confusion, with their prompts.
    const cells = new Map<string, Miss[]>();
    for (const m of f.misses) {
      const cell = `${m.kind} -> ${m.predicted}`;
      cells.set(cell, [...(cells.get(cell) ?? []), m]);
    }
    lines.push(`  misses (${f.misses.length}), label -> predicted: id (smallOk)`);
    for (const [cell, misses] of [...cells].sort((a, b) => b[1].length - a[1].length)) {
      const ids = misses.map((m) => `${m.id} (${m.smallOk.toFixed(2)})`).join(', ');
      lines.push(`    ${cell} [${misses.length}]: ${ids}`);
    }
  }
  return lines.join('\n');
}

const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Check prompts whose text (lower case, runs of non-alphanumerics as one space) equals, holds or
 * is held by an example's: such a prompt would no longer be independent of the training data.
 * Texts under 20 characters only count when equal.
 */
export function overlapsWith(
  prompts: readonly CheckPrompt[],
  examples: readonly Example[],
): string[] {
  const texts = examples.map((e) => normalized(e.text));
  return prompts
    .filter((p) => {
      const t = normalized(p.text);
      return texts.some(
        (e) => e === t || (t.length >= 20 && e.includes(t)) || (e.length >= 20 && t.includes(e)),
      );
    })
    .map((p) => p.id);
}
