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

  it('trains to fit a ConfigMap by default and prints the commands that create and label it', async () => {
    const data = join(dir, 'fits.jsonl');
    const out = join(dir, 'fits.bin');
    writeFileSync(data, examplesJsonl());
    const stream = new PassThrough();
    let printed = '';
    stream.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await routerTrain({ data, out, configmap: 'my-router', namespace: 'team-a' }, stream);
    // 2^14 buckets x 11 kinds x 4 bytes, plus the header: under the 1 MiB a ConfigMap holds.
    expect(readFileSync(out).length).toBeGreaterThan(2 ** 14 * 11 * 4);
    expect(printed).toContain(`(${readFileSync(out).length} of 1048576 bytes)`);
    expect(printed).toContain(
      `  kubectl create configmap my-router -n team-a --from-file=router-model.bin=${out} --dry-run=client -o yaml \\\n` +
        '    | kubectl label -f - --local -o yaml sluice.dev/router-model=true | kubectl create -f -\n',
    );
    expect(printed).toContain('spec.classifier.model.configMapRef: {name: my-router}');
  });

  it('warns, naming the size and the limit, when the artifact cannot fit a ConfigMap', async () => {
    const data = join(dir, 'big.jsonl');
    const out = join(dir, 'big.bin');
    writeFileSync(data, examplesJsonl());
    const stream = new PassThrough();
    let printed = '';
    stream.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await routerTrain({ data, out, hashBits: '15' }, stream);
    expect(printed).toContain(
      `Warning: ${out} is ${readFileSync(out).length} bytes, over the 1048576 bytes (1 MiB) a ConfigMap holds`,
    );
    expect(printed).toContain('--hash-bits 14 or fewer');
    expect(printed).not.toContain('kubectl create');
  });

  it.each(['9', '21', '14.5', 'many'])('refuses --hash-bits %s, naming the range', async (bits) => {
    const data = join(dir, 'bits.jsonl');
    writeFileSync(data, examplesJsonl());
    await expect(
      routerTrain({ data, out: join(dir, 'x.bin'), hashBits: bits }, new PassThrough()),
    ).rejects.toThrow(`--hash-bits must be an integer from 10 to 20, got ${bits}`);
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
