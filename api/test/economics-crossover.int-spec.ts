import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EconomicsService, GetCrossoverRequestSchema } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { RunningApi } from '../src/bootstrap.js';
import { createUnaryClient, type UnaryClient } from '../src/grpc/grpc-client.js';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService as Economics } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import type { ModelRef } from '../src/modules/ledger/ledger.types.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { createTenant, migratedDatabase, usage } from './support/ledger-fixtures.js';
import { startTestApi } from './support/test-api.js';
import type { TestDatabase } from './support/test-database.js';

// Four self-hosted models on L4s ($0.80 a GPU-hour, maxNumSeqs 4), until END:
//   ml/steady  1 replica for 48 h, 2 calls an hour for the last 24 h
//   ml/late    1 replica for the last 3 h only, 2 calls an hour in them
//   ml/idle    1 replica for 48 h, spec tier "medium", never called
//   ml/cold    0 replicas throughout, 2 failed calls routed under tier "medium"
// Every call: 900 input and 100 output tokens, 30 s. The reference ml/gpt-4o: $2.50/1M in, $10 out.
// By hand: an L4 hour costs $0.80; an hour's 2 calls would cost 2 x (900 x 2.5 + 100 x 10) / 1M =
// $0.0065 hosted for 2000 tokens, so break-even = floor(0.80 x 2000 / 0.0065) = 246153 tokens
// an hour, whatever the window, and floor(246153 x 720 x 2 / 2000) = 177230 calls a month.
const END = new Date('2026-11-20T12:00:00Z');
const hoursBefore = (hours: number) => new Date(END.getTime() - hours * 3_600_000);
const ref = (name: string): ModelRef => ({ namespace: 'ml', name });
const GPT4O = ref('gpt-4o');

async function recordCapacity(
  dataSource: DataSource,
  model: ModelRef,
  at: Date,
  shape: { replicas: number; tier: string },
): Promise<void> {
  // The columns migration RecordTierAndConcurrency added: what the API records from the spec.
  await dataSource.query(
    `INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
       gpus_per_replica, gpu_hourly_usd, tier, max_concurrency) VALUES ($1, $2, $3, $4, 1, 0.8, $5, 4)`,
    [model.namespace, model.name, at, shape.replicas, shape.tier],
  );
}

async function seed(dataSource: DataSource): Promise<string> {
  const ledger = new LedgerRepository(dataSource);
  const since = hoursBefore(72);
  const prices = { provider: 'external' as const, inputPer1M: '2.50', outputPer1M: '10' };
  await ledger.recordPrice(GPT4O, prices, since);
  for (const name of ['steady', 'late', 'idle', 'cold'])
    await ledger.recordPrice(ref(name), { provider: 'vllm', gpuHourlyUSD: '0.8' }, since);
  await recordCapacity(dataSource, ref('steady'), hoursBefore(48), { replicas: 1, tier: 'small' });
  await recordCapacity(dataSource, ref('late'), hoursBefore(3), { replicas: 1, tier: 'small' });
  await recordCapacity(dataSource, ref('idle'), hoursBefore(48), { replicas: 1, tier: 'medium' });
  await recordCapacity(dataSource, ref('cold'), hoursBefore(48), { replicas: 0, tier: 'medium' });
  const tenantId = await createTenant(dataSource);
  const call = (model: ModelRef, at: Date, more: object = {}) =>
    usage(tenantId, {
      model,
      tier: 'small',
      baselineModel: GPT4O,
      inputTokens: 900,
      outputTokens: 100,
      latencyMs: 30_000,
      occurredAt: at.toISOString(),
      ...more,
    });
  const twiceAnHour = (model: ModelRef, hours: number) =>
    Array.from({ length: hours * 2 }, (_, i) => call(model, hoursBefore(hours - i / 2 - 0.1)));
  await new UsageWriter(dataSource, ledger).write([
    ...twiceAnHour(ref('steady'), 24),
    ...twiceAnHour(ref('late'), 3),
    call(ref('cold'), hoursBefore(2), { tier: 'medium', status: 'error' }),
    call(ref('cold'), hoursBefore(1), { tier: 'medium', status: 'error' }),
  ]);
  return tenantId;
}

describe('GetCrossover from each model own running cost', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: RunningApi;
  let client: UnaryClient<(typeof EconomicsService)['method']>;
  let bearer = '';
  let tenantId = '';

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    tenantId = await seed(dataSource);
    bearer = (
      await new ApiTokensRepository(dataSource).issue({ tenantId, name: 'finops', admin: true })
    ).token;
    api = await startTestApi(db.url);
    client = createUnaryClient(EconomicsService, api.grpcAddress);
  });

  afterAll(async () => {
    client?.close();
    await api?.app.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const crossover = async (fromHours: number) => {
    const window = {
      start: timestampFromDate(hoursBefore(fromHours)),
      end: timestampFromDate(END),
    };
    const reply = await client.getCrossover(
      { window, hostedReference: GPT4O },
      { timeoutMs: 10_000, metadata: { authorization: `Bearer ${bearer}` } },
    );
    return new Map(reply.rows.map((row) => [row.model?.name ?? '', row]));
  };

  it('breaks even at the same volume for --from 1 h and 24 h, as computed by hand', async () => {
    const [lastHour, lastDay] = [await crossover(1), await crossover(24)];
    for (const name of ['steady', 'late']) {
      for (const rows of [lastHour, lastDay]) {
        expect(rows.get(name)).toMatchObject({
          tier: 'small',
          selfHostedHourlyUsd: '0.8',
          breakEvenTokensPerHour: 246_153n,
          breakEvenQueriesPerMonth: 177_230n,
          tokensPerHour: 2000,
          hostedHourlyUsd: '0.0065',
          neededReplicas: 1,
          neededReplicasHourlyUsd: '0.8',
          cheaper: 'hosted',
        });
      }
    }
    // ml/late ran 3 of the day's 24 hours: its day costs 3 L4 hours, not 24.
    expect(lastDay.get('late')).toMatchObject({ runHours: 3, replicaHours: 3, gpuCostUsd: '2.4' });
    expect(lastDay.get('steady')).toMatchObject({ runHours: 24, gpuCostUsd: '19.2' });
    // 60 s of requests an hour on 4 sequences x 3600 s.
    expect(lastDay.get('steady')?.utilization).toBeCloseTo(60 / 14_400, 12);
  });

  it('names the tier of a model that ran but served no query', async () => {
    const idle = (await crossover(24)).get('idle');
    expect(idle).toMatchObject({
      tier: 'medium',
      runHours: 24,
      gpuCostUsd: '19.2',
      selfHostedHourlyUsd: '0.8',
      breakEvenTokensPerHour: 0n,
      utilization: 0,
      neededReplicas: 1,
    });
  });

  it('says a model with no run time did not run, instead of a number', async () => {
    const cold = (await crossover(24)).get('cold');
    expect(cold).toMatchObject({
      tier: 'medium',
      runHours: 0,
      replicaHours: 0,
      gpuCostUsd: '0',
      selfHostedHourlyUsd: '',
      breakEvenTokensPerHour: 0n,
      breakEvenQueriesPerMonth: 0n,
      neededReplicas: 0,
      neededReplicasHourlyUsd: '',
      hostedHourlyUsd: '',
      cheaper: '',
    });
  });

  it('charges no GPU time after now on a window that reaches into the future', async () => {
    // The economics clock stands at END: the next hour has not run yet.
    const economics = (now: Date) => {
      const repository = new EconomicsRepository(dataSource, () => now);
      return new Economics(new EconomicsLoader(repository), repository);
    };
    const request = create(GetCrossoverRequestSchema, {
      window: { start: timestampFromDate(hoursBefore(1)), end: timestampFromDate(hoursBefore(-1)) },
      hostedReference: GPT4O,
    });
    const caller = { tenantId, tenantName: 'x', tokenId: 'k', scope: {}, admin: true };
    const reply = await economics(END).crossover(request, caller);
    const steady = reply.rows?.find((row) => row.model?.name === 'steady');
    expect(steady).toMatchObject({
      runHours: 1,
      gpuCostUsd: '0.8',
      selfHostedHourlyUsd: '0.8',
      breakEvenTokensPerHour: 246_153n,
    });
  });

  // The windows read above (the last one reaches an hour past END, long closed in real time),
  // and the 48 h every model's capacity history spans.
  itBalancesItsBooks(
    () => ({ dataSource, client }),
    () =>
      [
        [1, 0],
        [24, 0],
        [48, 0],
        [1, -1],
      ].map(([from = 0, to = 0]) => ({
        start: hoursBefore(from),
        end: hoursBefore(to),
      })),
  );
});
