import { status as GrpcStatus } from '@grpc/grpc-js';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { at } from './support/economics-day.js';
import { economicsApi } from './support/economics-api.js';

const window = {
  start: timestampFromDate(at('00:00')),
  end: timestampFromDate(new Date('2026-11-03T00:00:00Z')),
};

// The same day as economics.int-spec.ts, read over the wire with real API tokens: the edge
// resolves the caller, money arrives as decimal strings and counts as int64.
describe('sluice.v1.EconomicsService over gRPC', () => {
  const bearer: Record<'admin' | 'a' | 'b', string> = { admin: '', a: '', b: '' };
  const as = (who: keyof typeof bearer) => ({
    timeoutMs: 10_000,
    metadata: { authorization: `Bearer ${bearer[who]}` },
  });

  const economics = economicsApi(async (dataSource, day) => {
    const tokens = new ApiTokensRepository(dataSource);
    const issue = async (name: string, more: object) =>
      (await tokens.issue({ tenantId: day.tenant1, name, ...more })).token;
    bearer.admin = await issue('finops', { admin: true });
    bearer.a = await issue('team-a', { scope: { team: 'a' } });
    bearer.b = await issue('team-b', { scope: { team: 'b' } });
  });

  it('answers each token with what it may see', async () => {
    const admin = await economics.client.getCostReport(
      { window, groupBy: ['tag:team'] },
      as('admin'),
    );
    expect(admin.rows.map((r) => [r.group[0]?.value, r.cost?.totalUsd, r.usage?.queries])).toEqual([
      // Teams pay their used GPU time (economics.int-spec.ts works it out); the idle line is
      // the admin's alone.
      ['', '47.999998914931', 0n],
      ['b', '0.020100488281', 5n],
      ['a', '0.019800286768', 5n],
      ['c', '0.00000031002', 1n], // tenant 2: admins read every tenant
    ]);
    const teamA = await economics.client.getCostReport({ window, groupBy: ['tag:team'] }, as('a'));
    expect(teamA.rows.map((r) => [r.group[0]?.value, r.cost?.totalUsd])).toEqual([
      ['a', '0.019800286768'],
    ]);
    expect(teamA.total?.cost?.totalUsd).toBe('0.019800286768');
    const savings = await economics.client.getSavings({ window }, as('b'));
    expect([savings.total?.actualCostUsd, savings.total?.frontierBaselineCostUsd]).toEqual([
      '0.020100488281',
      '0.073',
    ]);
  });

  it('prices savings on a named baseline_model, within the token scope', async () => {
    const on = (name: string) => ({ window, baselineModel: { namespace: 'ml', name } });
    const mini = await economics.client.getSavings(on('mini'), as('b'));
    // team b's rows 6-10 at ml/mini's prices: 0.0007 + 0.0014 + 0.001 + 0.0007 + 0.0001
    expect(mini.total?.frontierBaselineCostUsd).toBe('0.0039');
    // ml/llama's $0.0048 a token over everyone's traffic, on team b's 10500 tokens
    const llama = await economics.client.getSavings(on('llama'), as('b'));
    expect(llama.total?.frontierBaselineCostUsd).toBe('50.4');
    const unknown = await economics.client
      .getSavings(on('nobody'), as('admin'))
      .catch((error: unknown) => error as { code: number; details: string });
    expect(unknown).toMatchObject({ code: GrpcStatus.FAILED_PRECONDITION });
    expect((unknown as { details: string }).details).toContain('baseline_model');
  });

  it('refuses what the caller may not read, and malformed requests', async () => {
    await expect(
      economics.client.getCostReport({ window }, { timeoutMs: 10_000 }),
    ).rejects.toMatchObject({
      code: GrpcStatus.UNAUTHENTICATED,
    });
    const asB = { window, filters: [{ dimension: 'tag:team', values: ['a'] }] };
    await expect(economics.client.getUnitEconomics(asB, as('b'))).rejects.toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
    });
    const malformed = await economics.client
      .getCrossover({ window: { start: window.end, end: window.start } }, as('admin'))
      .catch((error: unknown) => error as { code: number; details: string });
    expect(malformed).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect((malformed as { details: string }).details).toContain('window.end');
  });
});
