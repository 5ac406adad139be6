import { create } from '@bufbuild/protobuf';
import { CacheKind, ProviderKind, RouteDecisionSchema } from '@sluice/proto';
import { decisionTable, routeRequest, type RouteOptions } from './route.js';

const flags: RouteOptions = {
  address: '127.0.0.1:0',
  timeout: '1000',
  policy: 'default',
  namespace: 'team-a',
  prompt: 'Classify: refund please',
  task: 'classification',
  tag: ['team=search', 'product=web'],
  hint: ['prefer-cheap'],
  output: 'table',
};

const small = {
  model: { namespace: 'default', name: 'llama' },
  servedModelName: 'llama-3.1-8b-instruct',
  endpointUrl: 'http://llama.default.svc:8000/v1',
  provider: ProviderKind.VLLM,
  tier: 'small',
};

describe('sluice route', () => {
  it('sends the flags as a RouteRequest', async () => {
    expect(await routeRequest(flags)).toEqual({
      policy: { namespace: 'team-a', name: 'default' },
      prompt: { case: 'text', value: 'Classify: refund please' },
      tags: { team: 'search', product: 'web' },
      hints: ['prefer-cheap'],
      taskLabel: 'classification',
    });
  });

  it.each([
    [{ prompt: undefined }, 'exactly one of --prompt and --prompt-file'],
    [{ promptFile: 'x.txt' }, 'exactly one of --prompt and --prompt-file'],
    [{ tag: ['team'] }, '--tag team: expected key=value'],
  ])('refuses %j', async (override, message) => {
    await expect(routeRequest({ ...flags, ...override })).rejects.toThrow(message);
  });

  it.each([
    [{}, ['cache', 'miss'], ['max_tokens', '(no cap)']],
    [{ maxTokens: 256 }, ['rule', '(default route)'], ['max_tokens', '256']],
    [
      {
        cacheHit: { kind: CacheKind.SEMANTIC, similarity: 0.97 },
        reason: { rule: 'simple-tasks' },
      },
      ['cache', 'semantic hit, similarity 0.970'],
      ['rule', 'simple-tasks'],
    ],
    [
      { fallbacks: [{ ...small, tier: 'medium', model: { namespace: 'm', name: 'qwen' } }] },
      ['fallbacks', 'm/qwen (medium)'],
      ['model', 'default/llama (small)'],
    ],
    [
      { budgetDowngrade: { budget: 'search-team', requestedTier: 'frontier', spentPercent: 85 } },
      ['budget', 'search-team at 85%: frontier downgraded'],
      ['endpoint', 'http://llama.default.svc:8000/v1'],
    ],
  ])('a decision %j shows %j and %j', (fields, row1, row2) => {
    const decision = create(RouteDecisionSchema, { decisionId: 'd1', target: small, ...fields });
    const rows = decisionTable(decision).rows;
    expect(rows).toContainEqual(row1);
    expect(rows).toContainEqual(row2);
    expect(rows[0]).toEqual(['decision', 'd1']);
  });
});
