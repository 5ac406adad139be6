import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import {
  LedgerEventsRepository,
  type DecisionRecord,
  type OutcomeReport,
} from '../src/modules/ledger/ledger-events.repository.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('LedgerEventsRepository', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let events: LedgerEventsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    events = new LedgerEventsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const decision = (tenantId: string, over: Partial<DecisionRecord> = {}): DecisionRecord => ({
    decisionId: randomUUID(),
    tenantId,
    policy: { namespace: 'ml', name: 'default' },
    rule: 'short-prompts',
    tier: 'small',
    model: { namespace: 'ml', name: 'small' },
    complexity: 'simple',
    cacheKind: 'none',
    tags: { team: 'search' },
    promptTokens: 321,
    baselineModel: { namespace: 'ml', name: 'gpt-frontier' },
    createdAt: new Date('2026-11-01T10:00:00Z'),
    ...over,
  });

  it('records decisions once, with every field', async () => {
    const tenant = await createTenant(dataSource);
    const first = decision(tenant, { template: 'faq-v2' });
    const second = decision(tenant, { cacheKind: 'semantic', complexity: 'complex' });

    await expect(events.recordDecisions([first, second, first])).resolves.toBe(2);
    await expect(events.recordDecisions([first])).resolves.toBe(0);

    const rows = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT decision_id, rule, cache_kind, complexity, tags, template, prompt_tokens,
         baseline_model_name FROM route_decisions WHERE tenant_id = $1 ORDER BY template NULLS LAST`,
      [tenant],
    );
    expect(rows).toEqual([
      {
        decision_id: first.decisionId,
        rule: 'short-prompts',
        cache_kind: 'none',
        complexity: 'simple',
        tags: { team: 'search' },
        template: 'faq-v2',
        prompt_tokens: '321',
        baseline_model_name: 'gpt-frontier',
      },
      expect.objectContaining({
        decision_id: second.decisionId,
        cache_kind: 'semantic',
        template: null,
      }),
    ]);
  });

  it('records outcomes once per idempotency key, with exact values and decision ids', async () => {
    const tenant = await createTenant(dataSource);
    const ids = [randomUUID(), randomUUID()];
    const outcome: OutcomeReport = {
      tenantId: tenant,
      idempotencyKey: 'ticket-42',
      name: 'ticket_resolved',
      value: '19.990000000001',
      decisionIds: ids,
      tags: { team: 'support' },
      occurredAt: new Date('2026-11-01T10:05:00Z'),
    };
    const bare: OutcomeReport = {
      ...outcome,
      idempotencyKey: 'ticket-43',
      decisionIds: [],
      correlationId: 'conv-7',
    };
    delete (bare as { value?: string }).value;

    await expect(events.recordOutcomes([outcome, bare])).resolves.toBe(2);
    await expect(events.recordOutcomes([{ ...outcome, value: '1' }])).resolves.toBe(0);

    const rows = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT idempotency_key, value, decision_ids, correlation_id FROM outcomes
       WHERE tenant_id = $1 ORDER BY idempotency_key`,
      [tenant],
    );
    expect(rows).toEqual([
      {
        idempotency_key: 'ticket-42',
        value: '19.990000000001',
        decision_ids: ids,
        correlation_id: null,
      },
      { idempotency_key: 'ticket-43', value: null, decision_ids: [], correlation_id: 'conv-7' },
    ]);
  });
});
