import { readFile, writeFile } from 'node:fs/promises';
import {
  artifactVersion,
  DEFAULT_TRAIN_OPTIONS,
  encodeArtifact,
  evaluateArtifact,
  evaluationReport,
  MAX_HASH_BITS,
  parseExamples,
  trainRouterArtifact,
} from '@sluice/router-model/training';
import { configMapAdvice } from './router-configmap.js';

export interface RouterTrainOptions {
  readonly data: string;
  readonly out: string;
  /** Hashed feature buckets: 2^hashBits; each bit fewer halves the artifact. */
  readonly hashBits?: string;
  /** Names in the printed kubectl commands. */
  readonly configmap?: string;
  readonly namespace?: string;
}

/**
 * `sluice router train`: the same training as `make train-router` (with CLI_HASH_BITS), on the user's examples (the
 * format of router-model/README.md "Data"), then the evaluation on their held-out test split,
 * then how to hand the artifact to a RoutingPolicy (a ConfigMap, which must fit in 1 MiB).
 */
export async function routerTrain(
  options: RouterTrainOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const hashBits = parseHashBits(options.hashBits);
  const examples = parseExamples(await readFile(options.data, 'utf8'));
  if (!examples.some((e) => e.split === 'train')) {
    throw new Error(`${options.data} has no examples in the train split`);
  }
  const features = { ...DEFAULT_TRAIN_OPTIONS.features, hashBits };
  const artifact = trainRouterArtifact(examples, { ...DEFAULT_TRAIN_OPTIONS, features });
  const bytes = encodeArtifact(artifact);
  await writeFile(options.out, bytes);
  out.write(`Trained ${artifactVersion(bytes)} (${bytes.length} bytes) -> ${options.out}\n\n`);
  if (!examples.some((e) => e.split === 'test')) {
    out.write('No examples in the test split: nothing held out to evaluate on.\n');
  } else {
    out.write(`${evaluationReport(evaluateArtifact(artifact, examples))}\n`);
  }
  out.write(
    `\n${configMapAdvice({
      file: options.out,
      bytes: bytes.length,
      hashBits,
      name: options.configmap ?? 'router-model',
      namespace: options.namespace ?? 'default',
    })}`,
  );
}

/**
 * 14, one under make train-router's 15: the artifact (721,808 bytes) then fits a ConfigMap, the
 * only way to hand it to a policy, for 0.6 points of task-kind accuracy on the committed data.
 */
export const CLI_HASH_BITS = 14;

function parseHashBits(text: string | undefined): number {
  if (text === undefined) return CLI_HASH_BITS;
  const bits = Number(text);
  if (!Number.isInteger(bits) || bits < 10 || bits > MAX_HASH_BITS) {
    throw new Error(`--hash-bits must be an integer from 10 to ${MAX_HASH_BITS}, got ${text}`);
  }
  return bits;
}
