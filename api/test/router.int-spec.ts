import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { timestampMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CacheKind, Complexity, UsageStatus, type RouteDecision } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { statusViolations, violationLines } from '../src/grpc/status/read-violations.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { exampleRoutingView } from '../src/modules/routing/testing/in-memory-routing-view.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import { eventually, issueToken, startRouterApp, type RouterApp } from './support/router-app.js';
import type { TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const policy = { namespace: 'default', name: 'default' };

async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}

const violations = (error: ServiceError) => violationLines(error.metadata);

const ms = (at: Timestamp | undefined): number => (at === undefined ? Number.NaN : timestampMs(at));

/** When an answer was decided, entered the cache, and was served from it (ms). */
const cacheTimes = (answered?: RouteDecision, hit?: RouteDecision) => ({
  answered: ms(answered?.decidedAt),
  cached: ms(hit?.cacheHit?.cachedAt),
  hit: ms(hit?.decidedAt),
});

describe('RouterService over gRPC (real PostgreSQL, Redis and BullMQ)', () => {
  let db: TestDatabase;
  let app: RouterApp;
  let dataSource: DataSource;
  let tenant: string;
  let auth: { metadata: { authorization: string } };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    app = await startRouterApp({ database: db.url, redis: REDIS_URL }, exampleRoutingView());
    tenant = await createTenant(dataSource);
    auth = { metadata: (await issueToken(app, tenant)).bearer };
  });

  afterAll(async () => {
    await app.close();
    await dataSource.destroy();
    await db.drop();
  });

  const usageRows = (key: string) =>
    dataSource.query<Array<Record<string, string>>>(
      `SELECT * FROM usage_records WHERE tenant_id = $1 AND idempotency_key = $2`,
      [tenant, key],
    );

  it('routes by the policy and records the decision off the hot path', async () => {
    const { decision } = await app.client.route(
      {
        policy,
        prompt: { case: 'text', value: 'Is this ticket about billing?' },
        taskLabel: 'classification',
        tags: { team: 'support' },
      },
      auth,
    );
    expect(decision).toMatchObject({
      target: {
        tier: 'small',
        model: { name: expect.stringMatching(/^(llama-3-1-8b-awq|ticket-classifier)$/) as string },
      },
      reason: { rule: 'simple-tasks' },
      maxTokens: 256,
      policyGeneration: 1n,
      fallbacks: [{ tier: 'medium' }, { tier: 'frontier' }],
    });
    const id = ledgerDecisionId(tenant, decision?.decisionId ?? '');
    const rows = await eventually(
      () =>
        dataSource.query<Array<Record<string, unknown>>>(
          `SELECT * FROM route_decisions WHERE decision_id = $1`,
          [id],
        ),
      (r) => r.length === 1,
    );
    expect(rows[0]).toMatchObject({
      tier: 'small',
      rule: 'simple-tasks',
      cache_kind: 'none',
      tags: { team: 'support' },
      baseline_model_name: 'gpt-4o',
    });
  });

  it('matches the keywords a caller found in a prompt it does not send', async () => {
    const features = (keywords: string[]) => ({
      policy,
      prompt: { case: 'features' as const, value: { promptTokens: 300, keywords } },
    });
    const plain = await app.client.route(features(['refund']), auth);
    expect(plain.decision).toMatchObject({
      target: { tier: 'small' },
      reason: { rule: 'simple-queries' },
    });
    const { decision } = await app.client.route(features(['Step By Step', 'compare']), auth);
    expect(decision).toMatchObject({
      target: { tier: 'frontier', model: { name: 'gpt-4o' } },
      reason: { rule: 'complex-queries' },
      complexity: { complexity: Complexity.COMPLEX, features: { keyword_hits: 2 } },
      promptTokens: 300,
    });
  });

  it("labels a features query with the caller's complexity, and says who labelled it", async () => {
    const features = (complexity: Complexity) => ({
      policy,
      prompt: { case: 'features' as const, value: { promptTokens: 40, complexity } },
    });
    const caller = await app.client.route(features(Complexity.COMPLEX), auth);
    expect(caller.decision).toMatchObject({
      target: { tier: 'frontier' },
      reason: {
        rule: 'complex-queries',
        message: 'rule complex-queries: complexity complex (caller)',
      },
      complexity: { complexity: Complexity.COMPLEX, classifier: 'caller' },
    });
    const rules = await app.client.route(features(Complexity.UNSPECIFIED), auth);
    expect(rules.decision).toMatchObject({
      target: { tier: 'small' },
      complexity: { complexity: Complexity.SIMPLE, classifier: 'rules' },
    });
  });

  it('answers a retried Route with a caller-chosen decision id with the same decision', async () => {
    const request = {
      policy,
      decisionId: 'ticket-7:1',
      prompt: { case: 'text' as const, value: 'Summarize this.' },
    };
    const first = await app.client.route(request, auth);
    const again = await app.client.route(request, auth);
    expect(again.decision?.decisionId).toBe('ticket-7:1');
    expect(again.decision?.target).toEqual(first.decision?.target);
    expect(again.decision?.decidedAt).toEqual(first.decision?.decidedAt);
  });

  it.each([
    ['no prompt', { policy }, 'prompt'],
    ['no policy', { prompt: { case: 'text' as const, value: 'x' } }, 'policy.name'],
    [
      'a bad tag key',
      { policy, prompt: { case: 'text' as const, value: 'x' }, tags: { Team: 'a' } },
      'tags[Team]',
    ],
    [
      'a bad decision id',
      { policy, prompt: { case: 'text' as const, value: 'x' }, decisionId: 'a b' },
      'decision_id',
    ],
    [
      'an empty chat',
      { policy, prompt: { case: 'chat' as const, value: { messages: [] } } },
      'prompt.chat.messages',
    ],
    [
      'an oversized prompt',
      { policy, prompt: { case: 'text' as const, value: 'x'.repeat(2 * 1024 * 1024 + 1) } },
      'prompt.text',
    ],
    [
      'an overlong caller keyword',
      {
        policy,
        prompt: {
          case: 'features' as const,
          value: { promptTokens: 5, keywords: ['ok', 'k'.repeat(129)] },
        },
      },
      'prompt.features.keywords[1]',
    ],
    [
      'an unknown complexity',
      {
        policy,
        prompt: { case: 'features' as const, value: { promptTokens: 5, complexity: 7 } },
      },
      'prompt.features.complexity',
    ],
    [
      'a zero max_tokens',
      { policy, prompt: { case: 'text' as const, value: 'x' }, parameters: { maxTokens: 0 } },
      'parameters.max_tokens',
    ],
  ])('refuses %s as INVALID_ARGUMENT naming the field', async (_, request, field) => {
    const error = await failure(app.client.route(request, auth));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([
      expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `)),
    ]);
  });

  it.each([
    ['a non-ASCII tag key', 'équipe'],
    ['a tag key with a newline', 'a\nb'],
    ['a tag key in Cyrillic', 'ключ'],
  ])('answers %s with INVALID_ARGUMENT naming it, and keeps serving', async (_, key) => {
    const error = await failure(
      app.client.route(
        { policy, prompt: { case: 'text', value: 'x' }, tags: { [key]: 'x' } },
        auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([`tags[${key}]: key must match ^[a-z][a-z0-9_]{0,62}$`]);
    expect(statusViolations(error.metadata)).toEqual([
      { field: `tags[${key}]`, description: 'key must match ^[a-z][a-z0-9_]{0,62}$' },
    ]);
    const { decision } = await app.client.route(
      { policy, prompt: { case: 'text', value: 'Still there?' } },
      auth,
    );
    expect(decision?.decisionId).toBeTruthy();
  });

  // The issue's other ways to put non-ASCII into a violation, each of which ended the process.
  it.each([
    [
      'a policy pölicy',
      { policy: { name: 'pölicy' }, prompt: { case: 'text' as const, value: 'x' } },
      GrpcStatus.NOT_FOUND,
      'policy',
    ],
    [
      'a chat role usér',
      {
        policy,
        prompt: {
          case: 'chat' as const,
          value: { messages: [{ role: 'usér', content: 'hi' }] },
        },
      },
      GrpcStatus.INVALID_ARGUMENT,
      'prompt.chat.messages[0].role',
    ],
  ])('answers %s naming the field, and keeps serving', async (_, request, code, field) => {
    const error = await failure(app.client.route(request, auth));
    expect(error.code).toBe(code);
    expect(statusViolations(error.metadata).map((v) => v.field)).toEqual([field]);
    const { decision } = await app.client.route(
      { policy, prompt: { case: 'text', value: 'Still there?' } },
      auth,
    );
    expect(decision?.decisionId).toBeTruthy();
  });

  it('answers an outcome tag key ключ INVALID_ARGUMENT naming it, and keeps serving', async () => {
    const error = await failure(
      app.client.reportOutcome(
        { idempotencyKey: 'cyr', outcome: 'sale', correlationId: 'c', tags: { ключ: 'v' } },
        auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual(['tags[ключ]: key must match ^[a-z][a-z0-9_]{0,62}$']);
  });

  it('answers NOT_FOUND naming the policy for an unknown policy', async () => {
    const error = await failure(
      app.client.route({ policy: { name: 'nope' }, prompt: { case: 'text', value: 'x' } }, auth),
    );
    expect(error.code).toBe(GrpcStatus.NOT_FOUND);
    expect(violations(error)).toEqual([
      expect.stringMatching(/^policy: RoutingPolicy default\/nope/),
    ]);
  });

  it('books a report once, however often it is retried', async () => {
    const { decision } = await app.client.route(
      { policy, prompt: { case: 'text', value: 'Extract the date.' }, taskLabel: 'extraction' },
      auth,
    );
    const usage = {
      decisionId: decision?.decisionId ?? '',
      inputTokens: 120,
      cachedInputTokens: 20,
      outputTokens: 30,
      latencyMs: 250,
      status: UsageStatus.OK,
    };
    const first = await app.client.reportUsage({ usage }, auth);
    expect(first).toMatchObject({ idempotencyKey: usage.decisionId, duplicate: false });
    const retry = await app.client.reportUsage({ usage: { ...usage, outputTokens: 999 } }, auth);
    expect(retry.duplicate).toBe(true);
    const rows = await eventually(
      () => usageRows(usage.decisionId),
      (r) => r.length === 1,
    );
    expect(rows[0]).toMatchObject({
      input_tokens: '100',
      cached_input_tokens: '20',
      output_tokens: '30',
      tier: 'small',
      decision_id: ledgerDecisionId(tenant, usage.decisionId),
    });
  });

  it('serves a repeat from the exact cache after a cacheable report, and books the hit itself', async () => {
    const request = {
      policy,
      prompt: { case: 'text' as const, value: 'What is the capital of France?' },
      taskLabel: 'short-answer',
    };
    const { decision } = await app.client.route(request, auth);
    expect(decision?.cacheHit).toBeUndefined();
    await app.client.reportUsage(
      {
        usage: {
          decisionId: decision?.decisionId ?? '',
          inputTokens: 12,
          outputTokens: 3,
          status: UsageStatus.OK,
          responseText: 'Paris.',
          cacheable: true,
        },
      },
      auth,
    );
    const repeat = await app.client.route(request, auth);
    expect(repeat.decision?.cacheHit).toMatchObject({
      kind: CacheKind.EXACT,
      responseText: 'Paris.',
      similarity: 1,
      sourceDecisionId: decision?.decisionId,
    });
    const times = cacheTimes(decision, repeat.decision);
    expect(times.cached).toBeGreaterThanOrEqual(times.answered);
    expect(times.cached).toBeLessThanOrEqual(times.hit);
    expect(repeat.decision?.target?.tier).toBe('small');
    const hitId = repeat.decision?.decisionId ?? '';
    const [row] = await eventually(
      () => usageRows(hitId),
      (r) => r.length === 1,
    );
    expect(row).toMatchObject({
      cache_kind: 'exact',
      cost_usd: '0.000000000000',
      output_tokens: '3',
    });
    const report = await app.client.reportUsage(
      { usage: { decisionId: hitId, inputTokens: 1, outputTokens: 1, status: UsageStatus.OK } },
      auth,
    );
    expect(report.duplicate).toBe(true);
  });

  it('books a stream message by message: accepted, duplicate and rejected with its violations', async () => {
    const { decision } = await app.client.route(
      { policy, prompt: { case: 'text', value: 'Format this as JSON.' }, taskLabel: 'formatting' },
      auth,
    );
    const decisionId = decision?.decisionId ?? '';
    const ok = (key: string) => ({
      usage: {
        decisionId,
        idempotencyKey: key,
        inputTokens: 5,
        outputTokens: 5,
        status: UsageStatus.OK,
      },
    });
    const reply = await app.client.reportUsageStream(
      [
        ok(`${decisionId}:1`),
        ok(`${decisionId}:2`),
        { usage: { decisionId, idempotencyKey: 'no-status' } },
        ok(`${decisionId}:1`),
        ok(`${decisionId}:3`),
      ],
      auth,
    );
    expect(reply).toMatchObject({ acceptedCount: 3n, duplicateCount: 1n, rejectedCount: 1n });
    expect(reply.rejections).toEqual([
      expect.objectContaining({
        index: 2n,
        idempotencyKey: 'no-status',
        violations: [expect.objectContaining({ field: 'usage.status' })],
      }),
    ]);
    const rows = await eventually(
      () =>
        dataSource.query<unknown[]>(
          `SELECT 1 FROM usage_records WHERE tenant_id = $1 AND idempotency_key LIKE $2`,
          [tenant, `${decisionId}:%`],
        ),
      (r) => r.length === 3,
    );
    expect(rows).toHaveLength(3);
  });

  it.each([
    ['no usage', {}, 'usage'],
    ['no decision id', { usage: { status: UsageStatus.OK } }, 'usage.decision_id'],
    [
      'more cached than input',
      { usage: { decisionId: 'd', status: UsageStatus.OK, inputTokens: 1, cachedInputTokens: 2 } },
      'usage.cached_input_tokens',
    ],
    [
      'an unknown decision',
      { usage: { decisionId: 'never-routed', status: UsageStatus.OK } },
      'usage.decision_id',
    ],
  ])('refuses a report with %s as INVALID_ARGUMENT naming the field', async (_, request, field) => {
    const error = await failure(app.client.reportUsage(request, auth));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([
      expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `)),
    ]);
  });

  it('counts a streamed report for an unknown decision as rejected, naming usage.decision_id', async () => {
    const reply = await app.client.reportUsageStream(
      [{ usage: { decisionId: 'never-routed-2', status: UsageStatus.OK } }],
      auth,
    );
    expect(reply).toMatchObject({ acceptedCount: 0n, duplicateCount: 0n, rejectedCount: 1n });
    expect(reply.rejections[0]?.violations).toEqual([
      expect.objectContaining({
        field: 'usage.decision_id',
        description: 'no decision never-routed-2 was routed for this tenant',
      }),
    ]);
  });

  it('records an outcome once per idempotency key, with the tags of its first decision', async () => {
    const { decision } = await app.client.route(
      {
        policy,
        prompt: { case: 'text', value: 'Classify.' },
        taskLabel: 'classification',
        tags: { product: 'helpdesk' },
      },
      auth,
    );
    const request = {
      idempotencyKey: 'outcome-1',
      outcome: 'ticket_resolved',
      decisionIds: [decision?.decisionId ?? ''],
      valueUsd: '12.50',
      quantity: 3n,
    };
    await expect(app.client.reportOutcome(request, auth)).resolves.toMatchObject({
      duplicate: false,
    });
    await expect(app.client.reportOutcome(request, auth)).resolves.toMatchObject({
      duplicate: true,
    });
    const rows = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM outcomes WHERE tenant_id = $1`,
      [tenant],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'ticket_resolved',
        value: '12.500000000000',
        quantity: '3',
        tags: { product: 'helpdesk' },
      }),
    ]);
    const bad = await failure(
      app.client.reportOutcome(
        { idempotencyKey: 'o2', outcome: 'Bad Name', decisionIds: ['x'] },
        auth,
      ),
    );
    expect(bad.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(bad)).toEqual([expect.stringMatching(/^outcome: /)]);
  });

  // Both used to reach PostgreSQL: the value overflowed numeric(38,12) (UNAVAILABLE, "retry"),
  // and two such quantities made GetUnitEconomics INTERNAL.
  it.each([
    ['a 40-digit value_usd', { valueUsd: '1'.repeat(40) }, 'value_usd'],
    ['a quantity of 2^63-1', { quantity: 2n ** 63n - 1n }, 'quantity'],
    ['a NUL in a tag value', { tags: { team: 'a\u0000' } }, 'tags[team]'],
  ])('refuses an outcome with %s as INVALID_ARGUMENT naming it', async (_, over, field) => {
    const { decision } = await app.client.route(
      { policy, prompt: { case: 'text', value: 'Refund?' } },
      auth,
    );
    const error = await failure(
      app.client.reportOutcome(
        {
          idempotencyKey: `bound-${field}`,
          outcome: 'sale',
          decisionIds: [decision?.decisionId ?? ''],
          ...over,
        },
        auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(statusViolations(error.metadata).map((v) => v.field)).toEqual([field]);
  });
});
