import { readFile, writeFile } from 'node:fs/promises';
import {
  artifactVersion,
  encodeArtifact,
  evaluateArtifact,
  evaluationReport,
  parseExamples,
  trainRouterArtifact,
} from '@sluice/router-model/training';

export interface RouterTrainOptions {
  readonly data: string;
  readonly out: string;
}

/**
 * `sluice router train`: the same training as `make train-router`, on the user's examples (the
 * format of router-model/README.md "Data"), then the evaluation on their held-out test split.
 */
export async function routerTrain(
  options: RouterTrainOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const examples = parseExamples(await readFile(options.data, 'utf8'));
  if (!examples.some((e) => e.split === 'train')) {
    throw new Error(`${options.data} has no examples in the train split`);
  }
  const artifact = trainRouterArtifact(examples);
  const bytes = encodeArtifact(artifact);
  await writeFile(options.out, bytes);
  out.write(`Trained ${artifactVersion(bytes)} (${bytes.length} bytes) -> ${options.out}\n\n`);
  if (!examples.some((e) => e.split === 'test')) {
    out.write('No examples in the test split: nothing held out to evaluate on.\n');
    return;
  }
  out.write(`${evaluationReport(evaluateArtifact(artifact, examples))}\n`);
}
