import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadRouterModel } from '@sluice/router-model';
import { routerTrain } from './router-train.js';

const WORDS: Record<string, string[]> = {
  math: ['solve', 'equation', 'integral', 'sum', 'divide'],
  code: ['function', 'python', 'compile', 'bug', 'array'],
};

function examplesJsonl(): string {
  const lines: string[] = [];
  for (const [kind, words] of Object.entries(WORDS)) {
    for (let i = 0; i < 30; i++) {
      const text = [0, 1, 2].map((j) => words[(i + j * 2) % words.length]).join(' ');
      const split = i % 5 === 0 ? 'test' : i % 5 === 1 ? 'calibration' : 'train';
      lines.push(JSON.stringify({ id: `t:${kind}-${i}`, source: 't', kind, split, text }));
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('sluice router train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'router-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a loadable artifact and prints its evaluation on the held-out split', async () => {
    const data = join(dir, 'examples.jsonl');
    const out = join(dir, 'model.bin');
    writeFileSync(data, examplesJsonl());
    const stream = new PassThrough();
    let printed = '';
    stream.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await routerTrain({ data, out }, stream);
    const model = loadRouterModel(readFileSync(out));
    expect(printed).toContain(`Trained ${model.version}`);
    expect(printed).toMatch(/Held-out test split: 12 examples/);
    expect(model.predict('solve the integral equation').kind).toBe('math');
  });

  it('refuses data with nothing to train on', async () => {
    const data = join(dir, 'test-only.jsonl');
    writeFileSync(
      data,
      `${JSON.stringify({ id: 'a', source: 'a', kind: 'math', split: 'test', text: 'x' })}\n`,
    );
    await expect(routerTrain({ data, out: join(dir, 'x.bin') }, new PassThrough())).rejects.toThrow(
      /no examples in the train split/,
    );
  });
});
