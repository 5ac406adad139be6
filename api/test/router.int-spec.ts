import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { timestampMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CacheKind, Complexity, UsageStatus, type RouteDecision } from '@sluice/proto';
import { statusViolations, violationLines } from '../src/grpc/status/read-violations.js';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { eventually } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';
import { failure } from '../src/testing/grpc-failure.js';

const policy = { namespace: 'default', name: 'default' };

const violations = (error: ServiceError) => violationLines(error.metadata);

const ms = (at: Timestamp | undefined): number => (at === undefined ? Number.NaN : timestampMs(at));

/** When an answer was decided, entered the cache, and was served from it (ms). */
const cacheTimes = (answered?: RouteDecision, hit?: RouteDecision) => ({
  answered: ms(answered?.decidedAt),
  cached: ms(hit?.cacheHit?.cachedAt),
  hit: ms(hit?.decidedAt),
});

describe('RouterService over gRPC (real PostgreSQL, Redis and BullMQ)', () => {
  const fixture = routerFixture();

  const usageRows = (key: string) =>
    fixture.dataSource.query<Array<Record<string, string>>>(
      `SELECT * FROM usage_records WHERE tenant_id = $1 AND idempotency_key = $2`,
      [fixture.tenant, key],
    );

  it('routes by the policy and records the decision off the hot path', async () => {
    const { decision } = await fixture.app.client.route(
      {
        policy,
        prompt: { case: 'text', value: 'Is this ticket about billing?' },
        taskLabel: 'classification',
        tags: { team: 'support' },
      },
      fixture.auth,
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
    const id = ledgerDecisionId(fixture.tenant, decision?.decisionId ?? '');
    const rows = await eventually(
      () =>
        fixture.dataSource.query<Array<Record<string, unknown>>>(
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
    const plain = await fixture.app.client.route(features(['refund']), fixture.auth);
    expect(plain.decision).toMatchObject({
      target: { tier: 'small' },
      reason: { rule: 'simple-queries' },
    });
    const { decision } = await fixture.app.client.route(
      features(['Step By Step', 'compare']),
      fixture.auth,
    );
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
    const caller = await fixture.app.client.route(features(Complexity.COMPLEX), fixture.auth);
    expect(caller.decision).toMatchObject({
      target: { tier: 'frontier' },
      reason: {
        rule: 'complex-queries',
        // The example policy is learned; a query without text is labelled by the caller here.
        message: expect.stringMatching(
          /^classifier router-model-[0-9a-f]{8}: no text, complexity complex \(caller\) -> frontier; rule complex-queries: complexity complex \(caller\)$/,
        ) as string,
      },
      complexity: { complexity: Complexity.COMPLEX, classifier: 'caller' },
    });
    const rules = await fixture.app.client.route(features(Complexity.UNSPECIFIED), fixture.auth);
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
    const first = await fixture.app.client.route(request, fixture.auth);
    const again = await fixture.app.client.route(request, fixture.auth);
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
    const error = await failure(fixture.app.client.route(request, fixture.auth));
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
      fixture.app.client.route(
        { policy, prompt: { case: 'text', value: 'x' }, tags: { [key]: 'x' } },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([`tags[${key}]: key must match ^[a-z][a-z0-9_]{0,62}$`]);
    expect(statusViolations(error.metadata)).toEqual([
      { field: `tags[${key}]`, description: 'key must match ^[a-z][a-z0-9_]{0,62}$' },
    ]);
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Still there?' } },
      fixture.auth,
    );
    expect(decision?.decisionId).toBeTruthy();
  });

  // The other ways to put non-ASCII into a violation, each of which ended the process.
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
    const error = await failure(fixture.app.client.route(request, fixture.auth));
    expect(error.code).toBe(code);
    expect(statusViolations(error.metadata).map((v) => v.field)).toEqual([field]);
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Still there?' } },
      fixture.auth,
    );
    expect(decision?.decisionId).toBeTruthy();
  });

  it('answers an outcome tag key ключ INVALID_ARGUMENT naming it, and keeps serving', async () => {
    const error = await failure(
      fixture.app.client.reportOutcome(
        { idempotencyKey: 'cyr', outcome: 'sale', correlationId: 'c', tags: { ключ: 'v' } },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual(['tags[ключ]: key must match ^[a-z][a-z0-9_]{0,62}$']);
  });

  it('answers NOT_FOUND naming the policy for an unknown policy', async () => {
    const error = await failure(
      fixture.app.client.route(
        { policy: { name: 'nope' }, prompt: { case: 'text', value: 'x' } },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.NOT_FOUND);
    expect(violations(error)).toEqual([
      expect.stringMatching(/^policy: RoutingPolicy default\/nope/),
    ]);
  });

  it('books a report once, however often it is retried', async () => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Extract the date.' }, taskLabel: 'extraction' },
      fixture.auth,
    );
    const usage = {
      decisionId: decision?.decisionId ?? '',
      inputTokens: 120,
      cachedInputTokens: 20,
      outputTokens: 30,
      latencyMs: 250,
      status: UsageStatus.OK,
    };
    const first = await fixture.app.client.reportUsage({ usage }, fixture.auth);
    expect(first).toMatchObject({ idempotencyKey: usage.decisionId, duplicate: false });
    const retry = await fixture.app.client.reportUsage(
      { usage: { ...usage, outputTokens: 999 } },
      fixture.auth,
    );
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
      decision_id: ledgerDecisionId(fixture.tenant, usage.decisionId),
    });
  });

  it('serves a repeat from the exact cache after a cacheable report, and books the hit itself', async () => {
    const request = {
      policy,
      prompt: { case: 'text' as const, value: 'What is the capital of France?' },
      taskLabel: 'short-answer',
    };
    const { decision } = await fixture.app.client.route(request, fixture.auth);
    expect(decision?.cacheHit).toBeUndefined();
    await fixture.app.client.reportUsage(
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
      fixture.auth,
    );
    const repeat = await fixture.app.client.route(request, fixture.auth);
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
    const report = await fixture.app.client.reportUsage(
      { usage: { decisionId: hitId, inputTokens: 1, outputTokens: 1, status: UsageStatus.OK } },
      fixture.auth,
    );
    expect(report.duplicate).toBe(true);
  });

  it('books a stream message by message: accepted, duplicate and rejected with its violations', async () => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Format this as JSON.' }, taskLabel: 'formatting' },
      fixture.auth,
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
    const reply = await fixture.app.client.reportUsageStream(
      [
        ok(`${decisionId}:1`),
        ok(`${decisionId}:2`),
        { usage: { decisionId, idempotencyKey: 'no-status' } },
        ok(`${decisionId}:1`),
        ok(`${decisionId}:3`),
      ],
      fixture.auth,
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
        fixture.dataSource.query<unknown[]>(
          `SELECT 1 FROM usage_records WHERE tenant_id = $1 AND idempotency_key LIKE $2`,
          [fixture.tenant, `${decisionId}:%`],
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
    const error = await failure(fixture.app.client.reportUsage(request, fixture.auth));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(violations(error)).toEqual([
      expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `)),
    ]);
  });

  it('counts a streamed report for an unknown decision as rejected, naming usage.decision_id', async () => {
    const reply = await fixture.app.client.reportUsageStream(
      [{ usage: { decisionId: 'never-routed-2', status: UsageStatus.OK } }],
      fixture.auth,
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
    const { decision } = await fixture.app.client.route(
      {
        policy,
        prompt: { case: 'text', value: 'Classify.' },
        taskLabel: 'classification',
        tags: { product: 'helpdesk' },
      },
      fixture.auth,
    );
    const request = {
      idempotencyKey: 'outcome-1',
      outcome: 'ticket_resolved',
      decisionIds: [decision?.decisionId ?? ''],
      valueUsd: '12.50',
      quantity: 3n,
    };
    await expect(fixture.app.client.reportOutcome(request, fixture.auth)).resolves.toMatchObject({
      duplicate: false,
    });
    await expect(fixture.app.client.reportOutcome(request, fixture.auth)).resolves.toMatchObject({
      duplicate: true,
    });
    const rows = await fixture.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM outcomes WHERE tenant_id = $1`,
      [fixture.tenant],
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
      fixture.app.client.reportOutcome(
        { idempotencyKey: 'o2', outcome: 'Bad Name', decisionIds: ['x'] },
        fixture.auth,
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
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Refund?' } },
      fixture.auth,
    );
    const error = await failure(
      fixture.app.client.reportOutcome(
        {
          idempotencyKey: `bound-${field}`,
          outcome: 'sale',
          decisionIds: [decision?.decisionId ?? ''],
          ...over,
        },
        fixture.auth,
      ),
    );
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(statusViolations(error.metadata).map((v) => v.field)).toEqual([field]);
  });
});
