// The operator as `make run-operator` runs it (operator/dist/main.js), in a child process so its
// RSS is its own, with its /metrics on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@sluice/common';
import { repoRoot } from './bench-cluster.js';

export interface OperatorProcess {
  readonly child: ChildProcess;
  readonly httpUrl: string;
  /** Resident set now and at its peak (VmHWM), in MiB. */
  rss(): { now: number; peak: number };
  /** sluice_operator_reconcile_total of the InferenceModel controller, all results. */
  reconciles(): Promise<number>;
  stop(): Promise<void>;
}

export async function startOperatorProcess(
  kubeconfigPath: string,
  env: Record<string, string>,
): Promise<OperatorProcess> {
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, [join(repoRoot, 'operator', 'dist', 'main.js')], {
    env: {
      ...process.env,
      KUBECONFIG: kubeconfigPath,
      OPERATOR_HTTP_ADDR: address,
      LEADER_ELECTION: 'false',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const httpUrl = `http://${address}`;
  await until(async () => (await fetch(`${httpUrl}/readyz`).catch(() => undefined))?.ok === true);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    httpUrl,
    rss: () => rssOf(child.pid ?? 0),
    reconciles: async () => reconcileTotal(await (await fetch(`${httpUrl}/metrics`)).text()),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** VmRSS and VmHWM from /proc (Linux), in MiB. */
function rssOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const reconcileTotal = (text: string): number =>
  text
    .split('\n')
    .filter((line) => /^sluice_operator_reconcile_total\{.*controller="inferencemodel"/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

export async function until(
  check: () => Promise<boolean> | boolean,
  ms = 60_000,
  every = 200,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not done within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
