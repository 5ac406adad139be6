// `make soak` (issue 12, "bounded memory, shown"): Route + ReportUsage against the whole API for
// SOAK_MINUTES, its memory read every SOAK_SAMPLE_SECONDS after a full GC, in a process of its
// own (soak-api.ts). Prints RSS and live heap at start, plateau (SOAK_PLATEAU, the fraction of
// the run after which memory should be flat) and end, and the growth from plateau to end; with
// SOAK_HEAP_SNAPSHOTS=1 it writes heap snapshots at plateau and end too. Reports, never asserts.
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RouterService, UsageStatus } from '@sluice/proto';
import { createUnaryClient } from '../../dist/grpc/grpc-client.js';
import { PROMPTS } from './prompts.js';
import type { MemoryReading, SoakQuestion } from './soak-api.js';
import { soakTable, type Sample } from './soak-report.js';

const number = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number`);
  return value;
};
const SETTINGS = {
  minutes: number('SOAK_MINUTES', 3),
  concurrency: number('SOAK_CONCURRENCY', 16),
  sampleSeconds: number('SOAK_SAMPLE_SECONDS', 10),
  plateau: number('SOAK_PLATEAU', 0.5),
  /** Repeats each prompt this many times over, as callers with long contexts do. */
  promptRepeat: number('SOAK_PROMPT_REPEAT', 1),
  snapshots: process.env.SOAK_HEAP_SNAPSHOTS === '1',
};
const OUT = join(process.cwd(), 'api', 'bench', 'results');

type Api = ReturnType<typeof fork>;

function ask<T>(api: Api, question: SoakQuestion): Promise<T> {
  return new Promise((resolve) => {
    api.once('message', (answer) => resolve(answer as T));
    api.send(question);
  });
}

const routerClient = (address: string) => createUnaryClient(RouterService, address);
type Client = ReturnType<typeof routerClient>;

/** The n-th pair: Route a new prompt, then report its usage. */
async function pair(client: Client, n: number, metadata: { metadata: Record<string, string> }) {
  const prompt = PROMPTS[n % PROMPTS.length] ?? PROMPTS[0];
  const text = `${prompt?.text.repeat(SETTINGS.promptRepeat)}\n(request ${n})`;
  const policy = { namespace: 'default', name: 'default' };
  const { decision } = await client.route(
    { policy, prompt: { case: 'text', value: text }, taskLabel: prompt?.taskLabel ?? '' },
    metadata,
  );
  const decisionId = decision?.decisionId ?? '';
  const usage = { decisionId, inputTokens: 200, outputTokens: 40, status: UsageStatus.OK };
  await client.reportUsage({ usage }, metadata);
}

/** One caller: pair after pair until `stop()` says so; failures are counted, the first shown. */
async function caller(
  address: string,
  token: string,
  counts: { calls: number; errors: number },
  stop: () => boolean,
) {
  const client = routerClient(address);
  const metadata = { metadata: { authorization: `Bearer ${token}` } };
  try {
    while (!stop()) {
      await pair(client, counts.calls++, metadata).catch((error: unknown) => {
        if (counts.errors++ === 0) console.error('First failed call:', error);
      });
    }
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const api = fork(new URL('./soak-api.js', import.meta.url), [], { execArgv: ['--expose-gc'] });
  const { address, token } = await new Promise<{ address: string; token: string }>((resolve) =>
    api.once('message', (m) => resolve(m as { address: string; token: string })),
  );
  console.log(
    `Soak: ${SETTINGS.minutes} min, ${SETTINGS.concurrency} callers, Route + ReportUsage, API at ${address} (pid ${api.pid})`,
  );
  const counts = { calls: 0, errors: 0 };
  const samples: Sample[] = [];
  const started = Date.now();
  const endAt = started + SETTINGS.minutes * 60_000;
  const plateauAt = started + SETTINGS.plateau * SETTINGS.minutes * 60_000;
  const sample = async (label: string) => {
    const memory = await ask<MemoryReading>(api, { type: 'memory' });
    const s = { label, seconds: (Date.now() - started) / 1000, calls: counts.calls, ...memory };
    samples.push(s);
    console.log(soakTable([s], false));
  };
  const snapshot = async (label: string) => {
    if (!SETTINGS.snapshots) return;
    const file = join(OUT, `soak-${label}-${started}.heapsnapshot`);
    const written = await ask<{ file: string; bytes: number }>(api, { type: 'snapshot', file });
    console.log(
      `Heap snapshot (${label}): ${written.file}, ${(written.bytes / 2 ** 20).toFixed(1)} MiB`,
    );
  };
  await sample('start');
  const callers = Array.from({ length: SETTINGS.concurrency }, () =>
    caller(address, token, counts, () => Date.now() >= endAt),
  );
  let plateauTaken = false;
  while (Date.now() < endAt) {
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.sampleSeconds * 1000));
    if (!plateauTaken && Date.now() >= plateauAt) {
      plateauTaken = true;
      await sample('plateau');
      await snapshot('plateau');
    } else await sample('');
  }
  await Promise.all(callers);
  await sample('end');
  await snapshot('end');
  console.log(`\n${counts.calls} Route + ReportUsage pairs, ${counts.errors} failed\n`);
  console.log(
    soakTable(
      samples.filter((s) => s.label !== ''),
      true,
    ),
  );
  await ask(api, { type: 'stop' }).catch(() => undefined);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
