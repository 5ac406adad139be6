// Budgets against the real ledger: month-to-date spend per budget tag is read in the background
// through EconomicsService, and Route's engine downgrades a team past its threshold.
import { Test, type TestingModule } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
} from '@sluice/common';
import type { DataSource } from 'typeorm';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { BudgetsModule } from '../src/modules/budgets/budgets.module.js';
import { LedgerSpendView } from '../src/modules/budgets/ledger-spend-view.js';
import { EconomicsModule } from '../src/modules/economics/economics.module.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { decide, isRouteError } from '../src/modules/routing/engine/index.js';
import {
  exampleRoutingPolicy,
  InMemoryRoutingView,
} from '../src/modules/routing/testing/in-memory-routing-view.js';
import { InMemoryRoutingModule } from '../src/modules/routing/testing/in-memory-routing.module.js';
import { exampleModels, exampleProfiles } from '../src/modules/routing/engine/testing/examples.js';
import { RedisModule } from '../src/queue/redis.module.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FRONTIER = { namespace: 'ml', name: 'gpt-frontier' };

/** The example policy with the search team's budget shrunk to $10 (downgrade past 80%). */
function policyWithSmallBudget() {
  const policy = exampleRoutingPolicy();
  const budgets = (policy.spec?.budgets ?? []).map((b) => ({ ...b, monthlyUSD: '10' }));
  return { ...policy, spec: { ...policy.spec!, budgets } };
}

describe('budgets from the ledger', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let moduleRef: TestingModule;
  let view: InMemoryRoutingView;
  let spend: LedgerSpendView;
  let tenant: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    tenant = await createTenant(dataSource);
    await new LedgerRepository(dataSource).recordPrice(
      FRONTIER,
      { provider: 'external', inputPer1M: '2.50', outputPer1M: '10' },
      new Date(Date.UTC(2000, 0, 1)),
    );
    view = new InMemoryRoutingView().put(
      policyWithSmallBudget(),
      exampleModels().map((m) => m.obj()),
      exampleProfiles(),
    );
    const config = loadConfig(apiEnvSchema, {
      DATABASE_URL: db.url,
      REDIS_URL,
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
    });
    const economics = EconomicsModule.forRoot();
    moduleRef = await Test.createTestingModule({
      imports: [
        ApiConfigModule.forRoot(config),
        loggingModule(createLogger(config, 'budgets-test')),
        ObservabilityModule.forRoot('api'),
        DatabaseModule,
        RedisModule,
        economics,
        BudgetsModule.forRoot([InMemoryRoutingModule.forRoot(view), economics], 3_600_000),
      ],
    }).compile();
    await moduleRef.init();
    spend = moduleRef.get(LedgerSpendView);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const reasoning = {
    prompt: 'Analyze step by step why the Q3 churn rose.',
    taskLabel: 'reasoning',
  };
  const route = (tags: Record<string, string>, now: Date) => {
    const snapshot = view.snapshot('default', 'default')!;
    const current = spend.current();
    const decision = decide({ ...reasoning, tags }, snapshot, {
      random: () => 0,
      now: () => now,
      ...(current ? { spend: current } : {}),
    });
    if (isRouteError(decision)) throw new Error(decision.message);
    return decision;
  };

  it('downgrades the search team once its month-to-date spend passes the threshold', async () => {
    const now = new Date();
    await spend.refresh(now);
    expect(spend.current()?.spentMicros.get('team=search') ?? 0n).toBe(0n);
    expect(route({ team: 'search' }, now).tier).toBe('frontier');

    // 4 x 1M input tokens at $2.50 per 1M = $10.00: 100% of the $10 budget (threshold 80%).
    const writer = new UsageWriter(dataSource, new LedgerRepository(dataSource));
    const occurredAt = new Date(now.getTime() - 60_000).toISOString();
    const reports = [1, 2, 3, 4].map(() =>
      usage(tenant, { model: FRONTIER, inputTokens: 1_000_000, outputTokens: 0, occurredAt }),
    );
    await writer.write(reports);
    await spend.refresh(now);

    expect(spend.current()?.spentMicros.get('team=search')).toBe(10_000_000n);
    const decision = route({ team: 'search' }, now);
    // Downgraded to small, whose models cannot take reasoning: llama is 4-bit (the quantization
    // guard) and ticket-classifier answers classification only (fitness), so medium serves it.
    expect(decision.tier).toBe('medium');
    expect(decision.budget).toMatchObject({ budget: 'search-team', toTier: 'small' });
    expect(decision.reason).toContain('fell back past small (quantization)');
    // Other teams are not affected by the search team's spend.
    expect(route({ team: 'ads' }, now).tier).toBe('frontier');
  });

  it('keeps the last figures when the ledger cannot be read', async () => {
    const before = spend.current();
    await dataSource.query(`ALTER TABLE usage_records RENAME TO usage_records_away`);
    try {
      await spend.refresh(new Date());
      expect(spend.current()).toBe(before);
    } finally {
      await dataSource.query(`ALTER TABLE usage_records_away RENAME TO usage_records`);
    }
  });
});
