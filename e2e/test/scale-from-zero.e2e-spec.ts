// Issue 16 point 2, end to end in local mode (sluice dev, no cluster): the scale-to-zero example
// (examples/scale-to-zero.yaml) goes to zero after its cooldown, a Route for it is answered by the
// fallback tier and wakes it (the decision says waking, with the expected ready time), the KEDA
// stand-in scales its Deployment up on the API's demand metric, the kubelet stand-in brings the
// replica up, and the next Route goes to it. What is real here: the operator (ScaledObject,
// conditions), the API (readiness from the informers, decisions, /metrics); KEDA and the kubelet
// are local stand-ins.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, Proc, requireBuilt, run, SLUICE_CLI } from './support/processes.js';

const execFileAsync = promisify(execFile);
const MODEL = 'qwen2-5-7b-batch';
const FALLBACK = 'llama-3-1-8b-awq';

interface WireDecision {
  target: { model: { name: string }; tier: string };
  reason: { message: string };
  decidedAt: string;
  waking?: { model: { name: string }; tier: string; expectedReadyAt: string }[];
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await probe();
  for (let i = 0; i < 120 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await probe();
  }
  return value;
}

describe('scale from zero through the router (local mode)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-wake-'));
  let dev: Proc;
  let grpc: string;
  let metricsUrl: string;
  let kubeconfig: string;

  const kubectl = async (...args: string[]): Promise<string> =>
    (await execFileAsync('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 }))
      .stdout;
  const readiness = async (): Promise<string> =>
    (
      await kubectl(
        'get',
        'inferencemodel',
        MODEL,
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Ready")].reason}/{.status.replicas}',
      )
    ).trim();
  const route = async (): Promise<WireDecision> => {
    const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
    const args = ['route', '--address', grpc, '--token', token, '--policy', 'batch'];
    const result = await run([SLUICE_CLI, ...args, '--prompt', 'Summarize the week', '-o', 'json']);
    if (result.code !== 0) throw new Error(`sluice route failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as WireDecision;
  };
  const demand = async (): Promise<string | undefined> => {
    const text = await (await fetch(metricsUrl)).text();
    const line = text
      .split('\n')
      .find((l) =>
        l.includes(`sluice_model_demand_total{model_namespace="default",model="${MODEL}"`),
      );
    return line?.split(' ').at(-1);
  };

  beforeAll(async () => {
    const [grpcPort, httpPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    grpc = `127.0.0.1:${grpcPort}`;
    metricsUrl = `http://127.0.0.1:${httpPort}/metrics`;
    kubeconfig = join(dataDir, 'kubeconfig');
    dev = new Proc([requireBuilt(SLUICE_CLI), 'dev'], {
      DATABASE_URL: '',
      KUBECONFIG: '',
      REDIS_URL: '',
      SLUICE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      API_GRPC_ADDR: grpc,
      API_HTTP_ADDR: `127.0.0.1:${httpPort}`,
      LOG_FORMAT: 'json',
    });
    await dev.waitFor('Sluice is running locally');
  }, 120_000);

  afterAll(async () => {
    if (dev.child.exitCode === null) {
      dev.child.kill('SIGINT');
      await dev.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('writes a ScaledObject that wakes the model on the API demand metric', async () => {
    const triggers = JSON.parse(
      await kubectl('get', 'scaledobject', MODEL, '-o', 'jsonpath={.spec.triggers}'),
    ) as { name: string; metadata: { query: string; activationThreshold?: string } }[];
    expect(triggers.find((t) => t.name === 'sluice-demand')?.metadata).toMatchObject({
      query: `sum(rate(sluice_model_demand_total{model_namespace="default",model="${MODEL}"}[2m])) or vector(0)`,
      activationThreshold: '0',
    });
  });

  it('scales to zero after the cooldown: Ready False ScaledToZero', async () => {
    // The example waits 10 minutes; a platform engineer may shorten it, as here.
    const patch = '{"spec":{"autoscaling":{"scaleDownStabilizationSeconds":2}}}';
    await kubectl('patch', 'inferencemodel', MODEL, '--type', 'merge', '-p', patch);
    expect(await eventually(readiness, (r) => r === 'ScaledToZero/0')).toBe('ScaledToZero/0');
    expect(await demand()).toBe('0');
  }, 90_000);

  it('answers a Route for it with the fallback, saying it is waking and when it should be ready', async () => {
    const decision = await route();
    expect(decision.target).toMatchObject({ model: { name: FALLBACK }, tier: 'small' });
    expect(decision.reason.message).toContain(
      `fell back past batch (waking); waking ${MODEL}, ready in ~90s`,
    );
    expect(decision.waking).toEqual([
      {
        model: { namespace: 'default', name: MODEL },
        tier: 'batch',
        expectedReadyAt: expect.any(String) as string,
      },
    ]);
    const expected = Date.parse(decision.waking?.[0]?.expectedReadyAt ?? '');
    expect(expected - Date.parse(decision.decidedAt)).toBe(90_000);
    expect(await demand()).toBe('1');
  });

  it('is woken by that demand: the KEDA stand-in scales it up and the replica becomes ready', async () => {
    expect(await eventually(readiness, (r) => r === 'ReplicasReady/1')).toBe('ReplicasReady/1');
    const scaled = dev.stdout
      .split('\n')
      .filter((l) => l.includes('"msg":"Local KEDA: scaled a Deployment"'))
      .map((l) => JSON.parse(l) as { deployment: string; from: number; to: number });
    expect(scaled).toEqual([
      expect.objectContaining({ deployment: `default/${MODEL}`, from: 1, to: 0 }),
      expect.objectContaining({ deployment: `default/${MODEL}`, from: 0, to: 1 }),
    ]);
  }, 90_000);

  it('sends the next Route to the model, with nothing waking', async () => {
    // The API follows the model's status through its informer: the next decision after Ready.
    const decision = await eventually(route, (d) => d.target.model.name === MODEL);
    expect(decision.target).toMatchObject({ model: { name: MODEL }, tier: 'batch' });
    expect(decision.waking ?? []).toEqual([]);
    expect(decision.reason.message).not.toContain('waking');
  }, 90_000);
});
