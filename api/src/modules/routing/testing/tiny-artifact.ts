import {
  DEFAULT_TRAIN_OPTIONS,
  trainRouterBytes,
  type Example,
} from '@sluice/router-model/training';

const ROWS: ReadonlyArray<readonly [Example['kind'], string]> = [
  ['math', 'solve the equation for x'],
  ['math', 'what is the integral of x squared'],
  ['code', 'write a python function that sorts a list'],
  ['code', 'fix the bug in this javascript loop'],
  ['creative-writing', 'write a poem about the sea'],
  ['classification', 'is this review positive or negative'],
];

/**
 * A real router model artifact, trained by the package's own code on a few labelled rows with
 * 2^10 buckets (45 KB, a few milliseconds). `flavour` changes the rows, hence the version.
 */
export function tinyArtifact(flavour = ''): Uint8Array {
  const examples: Example[] = ROWS.map(([kind, text], i) => ({
    id: `tiny:${i}`,
    source: 'tiny',
    kind,
    split: 'train',
    text: `${text} ${flavour}`.trim(),
  }));
  const features = { ...DEFAULT_TRAIN_OPTIONS.features, hashBits: 10 };
  return trainRouterBytes(examples, { ...DEFAULT_TRAIN_OPTIONS, features });
}
