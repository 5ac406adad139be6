import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { statusViolations } from '../src/grpc/status/read-violations.js';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { MAX_QUANTITY } from '../src/modules/router/outcome-input.js';
import { at } from './support/economics-day.js';
import { economicsApi } from './support/economics-api.js';

const INT64_MAX = 2n ** 63n - 1n;
const window = {
  start: timestampFromDate(at('00:00')),
  end: timestampFromDate(new Date('2026-11-03T00:00:00Z')),
};

// Two reports of quantity 2^63-1 (accepted before quantity was bounded) made GetUnitEconomics
// INTERNAL for every window holding them: their sum does not fit the wire's int64 count.
describe('EconomicsService at the edges of its input', () => {
  let auth: { timeoutMs: number; metadata: { authorization: string } };
  const economics = economicsApi(async (dataSource, day) => {
    const insert = (name: string, count: number, quantity: bigint) =>
      dataSource.query(
        `INSERT INTO outcomes (tenant_id, idempotency_key, name, tags, occurred_at, quantity)
         SELECT $1, $2 || i, $2, '{"team":"b"}', $3, $4::bigint FROM generate_series(1, $5) i`,
        [day.tenant1, name, at('12:00'), String(quantity), count],
      );
    await insert('legacy', 2, INT64_MAX);
    await insert('bounded', 5000, MAX_QUANTITY);
    const tokens = new ApiTokensRepository(dataSource);
    const token = (await tokens.issue({ tenantId: day.tenant1, name: 'finops', admin: true }))
      .token;
    auth = { timeoutMs: 10_000, metadata: { authorization: `Bearer ${token}` } };
  });

  it('answers, counting bounded reports exactly and saturating an unrepresentable sum', async () => {
    const reply = await economics.client.getUnitEconomics(
      { window, groupBy: ['tag:team'], outcomes: ['legacy', 'bounded'] },
      auth,
    );
    const counts = (reply.total?.outcomes ?? []).map((o) => [o.outcome, o.count]);
    expect(counts).toEqual([
      ['bounded', 5000n * MAX_QUANTITY],
      ['legacy', INT64_MAX],
    ]);
    const teamB = reply.rows.find((r) => r.group[0]?.value === 'b');
    expect(teamB?.outcomes.map((o) => o.count)).toEqual([5000n * MAX_QUANTITY, INT64_MAX]);
  });

  it.each([
    [
      'a window start at -1e14 s',
      { window: { start: { seconds: -(10n ** 14n) } } },
      'window.start',
    ],
    [
      'a window end at 1e14 s',
      { window: { ...window, end: { seconds: 10n ** 14n } } },
      'window.end',
    ],
    [
      'a NUL in a filter value',
      { window, filters: [{ dimension: 'tag:team', values: ['\u0000'] }] },
      'filters[0].values[0]',
    ],
  ])('answers %s INVALID_ARGUMENT naming it', async (_, request, field) => {
    const error = await economics.client.getCostReport(request, auth).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect(error?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(statusViolations(error?.metadata ?? new Metadata()).map((v) => v.field)).toEqual([
      field,
    ]);
  });
});
