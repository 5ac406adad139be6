import { loadRouterModel } from '../linear-router-model.js';
import { encodeArtifact } from '../model/artifact.js';
import { evaluateArtifact } from './evaluate.js';
import type { Example } from './examples.js';
import { fixed3, textTable } from './text-table.js';
import { longPrompt, timePredict } from './timing.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  FAMILIES,
  trainRouterArtifact,
  type Family,
} from './train-router.js';

export interface CandidateRow {
  readonly family: Family;
  readonly cells: readonly string[];
}

/** Trains each family on the same train split and measures it on the same test split. */
export function compareCandidates(
  examples: readonly Example[],
  families: readonly Family[] = FAMILIES,
): string {
  const test = examples.filter((e) => e.split === 'test').map((e) => e.text);
  const long = [longPrompt(32_000)];
  const rows = families.map((family) => {
    const started = process.hrtime.bigint();
    const artifact = trainRouterArtifact(examples, { ...DEFAULT_TRAIN_OPTIONS, family });
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = encodeArtifact(artifact);
    const e = evaluateArtifact(artifact, examples);
    const model = loadRouterModel(bytes);
    const onTest = timePredict(model, test);
    const onLong = timePredict(model, long.concat(long, long, long), 100);
    return [
      family,
      fixed3(e.accuracy),
      fixed3(e.macroF1),
      fixed3(e.tierAgreement),
      fixed3(e.atDefaults.frontierRecall),
      fixed3(e.atDefaults.frontierShare),
      fixed3(e.calibration.after.ece),
      `${onTest.p50Us.toFixed(0)}/${onTest.p99Us.toFixed(0)}`,
      `${onLong.p50Us.toFixed(0)}/${onLong.p99Us.toFixed(0)}`,
      `${(bytes.length / 1e6).toFixed(2)} MB`,
      `${trainSeconds.toFixed(1)} s`,
    ];
  });
  const header = [
    'family',
    'accuracy',
    'macro-F1',
    'tier agree',
    'frontier recall',
    'frontier share',
    'ECE',
    'test p50/p99 us',
    '32k p50/p99 us',
    'artifact',
    'train',
  ];
  return textTable([header, ...rows]);
}
