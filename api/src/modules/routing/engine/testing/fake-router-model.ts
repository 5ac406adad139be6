import type { ClassifierModel, ClassifierPrediction } from '../classifier-model.js';

/** One line of a fake model's table: text matching `pattern` is `kind` with this smallOk. */
export type FakeLine = readonly [pattern: RegExp, kind: string, smallOk: number];

/**
 * A router model for engine tests: the first line whose pattern the text matches decides, else
 * `otherwise`. Kind probability 0.9 throughout, so reasons are easy to read. The real model
 * (router-model/) is tested in its own package; the engine only needs what it returns.
 */
export function fakeRouterModel(
  lines: readonly FakeLine[] = FAKE_LINES,
  otherwise: ClassifierPrediction = { kind: 'open-question', kindProbability: 0.9, smallOk: 0.5 },
  version = 'router-model-fa4e0001',
): ClassifierModel {
  return {
    version,
    predict(text: string): ClassifierPrediction {
      const line = lines.find(([pattern]) => pattern.test(text));
      return line === undefined
        ? otherwise
        : { kind: line[1], kindProbability: 0.9, smallOk: line[2] };
    },
  };
}

/** Classification and extraction small, brainstorming medium, code and math frontier. */
export const FAKE_LINES: readonly FakeLine[] = [
  [/\bclassify|which department\b/i, 'classification', 0.95],
  [/\bextract\b/i, 'extraction', 0.9],
  [/\bideas?\b/i, 'brainstorming', 0.45],
  [/\bfunction|python|bug\b/i, 'code', 0.04],
  [/\bsolve|equation|prove\b/i, 'math', 0.02],
];
