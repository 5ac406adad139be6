import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { RouteDecision } from '@sluice/proto';
import { loadDefaultRouterModel } from '@sluice/router-model';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { RouterMemory } from '../src/modules/router/router-state.js';
import { aModel, aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import { RouterModelModule } from '../src/modules/routing/router-model.module.js';
import { InMemoryRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const THRESHOLDS = [
  ['small', 70],
  ['medium', 30],
  ['frontier', 0],
] as const;
const policy = { namespace: 'default', name: 'learned' };

// Clear-cut prompts of each kind, none with a task label: what most callers send.
const PROMPTS = [
  'Which category does this ticket belong to: billing, shipping or returns? "My package never arrived"',
  'Classify the sentiment of this review as positive, negative or neutral: "The battery died in a day."',
  'Is this email spam or not spam? "You won a free cruise, click here to claim your prize"',
  'Write a short poem about autumn leaves',
  'Write a limerick about a cat who loves coffee',
  'Give me ten ideas for a team offsite',
  'Write a Python function that returns the n-th Fibonacci number using memoization',
  'Fix the bug in this JavaScript: for (let i = 0; i <= arr.length; i++) { sum += arr[i]; }',
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
  'Solve for x: 3x + 7 = 22',
];

/** The tier classifier.thresholds give a smallOk: the first entry at or below it. */
const tierOf = (smallOk: number): string =>
  THRESHOLDS.find(([, min]) => min <= smallOk * 100)?.[0] ?? 'frontier';

describe('Route with the learned classifier over gRPC (real PostgreSQL and Redis)', () => {
  const model = loadDefaultRouterModel();
  let db: TestDatabase;
  let dataSource: DataSource;
  let app: RouterApp;
  let tenant: string;
  let auth: { metadata: { authorization: string } };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    const view = new InMemoryRoutingView(model).put(
      aPolicy('learned')
        .tier('small', ['llama', 3], ['ticket-classifier', 1])
        .tier('medium', 'qwen')
        .tier('frontier', 'gpt')
        .learned(...THRESHOLDS.map(([tier, min]) => [tier, min] as const))
        // A rule that needs a fixed tier whatever smallOk says: classification is small work.
        .rule('tickets', { taskLabels: ['classification'] }, { tier: 'small', maxTokens: 256 })
        .rule('cheap', { hints: ['cheap'] }, { tier: 'small' })
        .defaultRoute(undefined, 800)
        .obj(),
      [
        aModel('llama').tier('small').obj(),
        aModel('ticket-classifier').tier('small').taskLabels('classification').obj(),
        aModel('qwen').tier('medium').obj(),
        aModel('gpt').tier('frontier').obj(),
      ],
    );
    app = await startRouterApp({ database: db.url, redis: REDIS_URL }, view, {
      imports: [RouterModelModule],
    });
    tenant = await createTenant(dataSource);
    auth = { metadata: (await issueToken(app, tenant)).bearer };
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const route = async (
    prompt: string,
    taskLabel?: string,
    hints: string[] = [],
  ): Promise<RouteDecision> => {
    const request = { policy, prompt: { case: 'text' as const, value: prompt }, hints };
    const { decision } = await app.client.route(
      taskLabel === undefined ? request : { ...request, taskLabel },
      auth,
    );
    if (decision === undefined) throw new Error('no decision');
    return decision;
  };

  it('reaches all three tiers without a task label, each by its smallOk and the thresholds', async () => {
    const decisions = [];
    for (const prompt of PROMPTS) decisions.push(await route(prompt));
    for (const d of decisions) {
      const smallOk = d.complexity?.smallOk ?? Number.NaN;
      const ticket = d.reason?.rule === 'tickets';
      expect(d.target?.tier).toBe(ticket ? 'small' : tierOf(smallOk));
      expect(d.complexity).toMatchObject({
        classifier: 'learned',
        classifierVersion: model.version,
        taskKindSource: 'predicted',
      });
      expect(d.reason?.message).toMatch(
        new RegExp(`^classifier ${model.version}: [a-z-]+ [01]\\.\\d\\d, smallOk \\d+% -> `),
      );
    }
    expect(new Set(decisions.map((d) => d.target?.tier))).toEqual(
      new Set(['small', 'medium', 'frontier']),
    );
  });

  it('sends ticket-classifier only classification queries, given or predicted', async () => {
    const decisions = [];
    for (const prompt of PROMPTS) decisions.push(await route(prompt));
    for (let i = 0; i < 8; i++)
      decisions.push(await route(`Route ticket #${i}: "refund please"`, 'classification'));
    // Code pinned to the small tier: without fitness a quarter of it would reach the specialist.
    for (let i = 0; i < 16; i++)
      decisions.push(await route(`Write a Python function number ${i}`, 'code', ['cheap']));
    const toSpecialist = decisions.filter((d) => d.target?.model?.name === 'ticket-classifier');
    expect(toSpecialist.length).toBeGreaterThanOrEqual(8);
    for (const d of toSpecialist) {
      expect(d.complexity?.taskKind).toBe('classification');
      expect(d.reason?.message).toContain('ticket-classifier: labelled classification');
    }
    const others = decisions.filter((d) => d.complexity?.taskKind !== 'classification');
    expect(others.filter((d) => d.target?.tier === 'small').length).toBeGreaterThanOrEqual(16);
    expect(others.every((d) => d.target?.model?.name !== 'ticket-classifier')).toBe(true);
  });

  it('remembers the classification with the decision, and /metrics names the model', async () => {
    const decision = await route(PROMPTS[6] ?? '');
    const ledgerId = ledgerDecisionId(tenant, decision.decisionId);
    const remembered = await app.moduleRef.get(RouterMemory).decisions.recall(tenant, ledgerId);
    expect(remembered?.classification).toEqual({
      classifier: 'learned',
      taskKind: decision.complexity?.taskKind,
      taskKindSource: 'predicted',
      smallOk: decision.complexity?.smallOk,
      classifierVersion: model.version,
    });
    const metrics = await app.moduleRef.get(Registry, { strict: false }).metrics();
    expect(metrics).toContain(
      `sluice_router_model_info{version="${model.version}",component="api"} 1`,
    );
    expect(metrics).toMatch(
      new RegExp(
        `sluice_route_decisions_total\\{[^}]*task_kind="${decision.complexity?.taskKind}"`,
      ),
    );
  });
});
