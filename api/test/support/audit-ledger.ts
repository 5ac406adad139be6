import type { DataSource } from 'typeorm';
import { LedgerEventsRepository } from '../../src/modules/ledger/ledger-events.repository.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../../src/modules/ledger/ledger.types.js';
import { UsageWriter } from '../../src/modules/ledger/usage-writer.js';
import { createTenant, usage } from './ledger-fixtures.js';

export const EXAMPLE = { namespace: 'ml', name: 'example-l4' };
export const LLAMA = { namespace: 'ml', name: 'llama' };
export const MEDIUM = { namespace: 'ml', name: 'medium' };
export const MINI = { namespace: 'ml', name: 'mini' };
export const FRONTIER = { namespace: 'ml', name: 'frontier' };

/** The README's worked example: 2026-10-04 10:00-12:00, one L4 at $0.80/h, maxNumSeqs 4. */
export const exampleAt = (hhmm: string) => new Date(`2026-10-04T${hhmm}:00Z`);
/** The richer ledger: 2026-10-05 08:00-12:00. */
export const dayAt = (hhmm: string) => new Date(`2026-10-05T${hhmm}:00Z`);

interface Capacity {
  at: Date;
  replicas: number;
  gpus?: number;
  price: string;
  maxConcurrency: number;
  tier: string;
}

/** Capacity rows as the watcher records them, tier and max_concurrency included. */
async function capacity(dataSource: DataSource, model: typeof LLAMA, rows: Capacity[]) {
  for (const r of rows) {
    await dataSource.query(
      `INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
         gpus_per_replica, gpu_hourly_usd, tier, max_concurrency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        model.namespace,
        model.name,
        r.at,
        r.replicas,
        r.gpus ?? 1,
        r.price,
        r.tier,
        r.maxConcurrency,
      ],
    );
  }
}

async function prices(ledger: LedgerRepository) {
  const from = new Date('2026-10-01T00:00:00Z');
  await ledger.recordPrice(
    MINI,
    { provider: 'external', inputPer1M: '0.20', cachedInputPer1M: '0.10', outputPer1M: '0.80' },
    from,
  );
  await ledger.recordPrice(
    FRONTIER,
    { provider: 'external', inputPer1M: '5', cachedInputPer1M: '2.50', outputPer1M: '15' },
    from,
  );
  for (const [model, gpu] of [
    [EXAMPLE, '0.80'],
    [LLAMA, '2'],
    [MEDIUM, '1.10'],
  ] as const) {
    await ledger.recordPrice(model, { provider: 'vllm', gpuHourlyUSD: gpu }, from);
  }
}

export interface AuditLedger {
  readonly tenant1: string;
  readonly tenant2: string;
}

/** Both ledgers, written through the ledger's own writer (rows priced as ingest prices them). */
export async function seedAuditLedger(dataSource: DataSource): Promise<AuditLedger> {
  const ledger = new LedgerRepository(dataSource);
  await prices(ledger);
  const tenant1 = await createTenant(dataSource);
  const tenant2 = await createTenant(dataSource);
  await capacity(dataSource, EXAMPLE, [
    { at: exampleAt('10:00'), replicas: 1, price: '0.80', maxConcurrency: 4, tier: 'small' },
    { at: exampleAt('12:00'), replicas: 0, price: '0.80', maxConcurrency: 4, tier: 'small' },
  ]);
  const llama = { price: '2', maxConcurrency: 8, tier: 'small' };
  await capacity(dataSource, LLAMA, [
    { at: dayAt('08:00'), replicas: 2, ...llama },
    { at: dayAt('09:30'), replicas: 1, ...llama },
    { at: dayAt('10:45'), replicas: 3, ...llama },
    { at: dayAt('11:15'), replicas: 0, ...llama },
  ]);
  await capacity(dataSource, MEDIUM, [
    { at: dayAt('08:20'), replicas: 1, gpus: 2, price: '1.10', maxConcurrency: 16, tier: 'medium' },
  ]);
  const reports = [...exampleUsage(tenant1), ...dayUsage(tenant1, tenant2)];
  await new UsageWriter(dataSource, ledger).write(reports);
  await new LedgerEventsRepository(dataSource).recordOutcomes([
    {
      tenantId: tenant1,
      idempotencyKey: 'resolved-1',
      name: 'ticket_resolved',
      value: '3.25',
      decisionIds: [reports[3]?.decisionId ?? ''],
      tags: { team: 'a' },
      occurredAt: dayAt('11:40'),
    },
  ]);
  return { tenant1, tenant2 };
}

const call = (tenantId: string, at: Date, more: Partial<UsageReport>): UsageReport =>
  usage(tenantId, { occurredAt: at.toISOString(), baselineModel: FRONTIER, ...more });

/** Team a 2 calls (60 000 ms, 1 000 tokens), team b 1 call (90 000 ms, 3 000 tokens). */
function exampleUsage(tenant: string): UsageReport[] {
  const l4 = { model: EXAMPLE, tier: 'small' };
  return [
    call(tenant, exampleAt('10:10'), {
      ...l4,
      inputTokens: 400,
      outputTokens: 100,
      latencyMs: 20_000,
      tags: { team: 'a' },
    }),
    call(tenant, exampleAt('10:20'), {
      ...l4,
      inputTokens: 300,
      outputTokens: 200,
      latencyMs: 40_000,
      tags: { team: 'a' },
    }),
    call(tenant, exampleAt('10:30'), {
      ...l4,
      inputTokens: 2000,
      outputTokens: 1000,
      latencyMs: 90_000,
      tags: { team: 'b' },
    }),
  ];
}

/** External and self-hosted calls, cache hits of both, a shadow call, two tenants. */
function dayUsage(t1: string, t2: string): UsageReport[] {
  const llama = { model: LLAMA, tier: 'small' };
  const a = { tags: { team: 'a' }, template: 'faq' };
  return [
    call(t1, dayAt('08:10'), {
      ...llama,
      ...a,
      inputTokens: 1200,
      outputTokens: 300,
      latencyMs: 40_000,
    }),
    call(t1, dayAt('09:05'), {
      model: MINI,
      tier: 'small',
      ...a,
      inputTokens: 9000,
      cachedInputTokens: 3000,
      outputTokens: 700,
    }),
    call(t1, dayAt('09:15'), {
      model: FRONTIER,
      tier: 'frontier',
      ...a,
      shadow: true,
      inputTokens: 900,
      outputTokens: 250,
    }),
    call(t1, dayAt('09:40'), {
      ...llama,
      ...a,
      inputTokens: 700,
      outputTokens: 900,
      latencyMs: 3_000_000,
    }),
    call(t1, dayAt('10:05'), {
      model: MINI,
      tier: 'small',
      ...a,
      cacheKind: 'exact',
      inputTokens: 9000,
      cachedInputTokens: 3000,
      outputTokens: 700,
    }),
    call(t1, dayAt('10:50'), {
      ...llama,
      ...a,
      inputTokens: 333,
      outputTokens: 77,
      latencyMs: 7_777,
    }),
    call(t1, dayAt('10:55'), {
      ...llama,
      ...a,
      cacheKind: 'semantic',
      inputTokens: 700,
      outputTokens: 900,
    }),
    call(t1, dayAt('08:20'), {
      ...llama,
      tags: { team: 'b' },
      inputTokens: 4100,
      outputTokens: 1300,
      latencyMs: 61_000,
    }),
    call(t1, dayAt('11:05'), {
      model: FRONTIER,
      tier: 'frontier',
      tags: { team: 'b' },
      template: 'summarize',
      inputTokens: 1500,
      outputTokens: 600,
    }),
    call(t2, dayAt('09:50'), {
      ...llama,
      tags: {},
      inputTokens: 2500,
      outputTokens: 11,
      latencyMs: 12_345,
    }),
    call(t2, dayAt('11:30'), {
      model: MINI,
      tier: 'small',
      tags: { env: 'prod' },
      status: 'error',
      inputTokens: 500,
      outputTokens: 0,
    }),
  ];
}
