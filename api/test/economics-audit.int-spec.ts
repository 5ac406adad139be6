import { status as GrpcStatus } from '@grpc/grpc-js';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EconomicsService } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { RunningApi } from '../src/bootstrap.js';
import { createUnaryClient, type UnaryClient } from '../src/grpc/grpc-client.js';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import type { SqlRow } from '../src/modules/economics/audit/audit-figures.js';
import { AuditRepository } from '../src/modules/economics/audit/audit.repository.js';
import { parseScaled, PICO_DECIMALS } from '../src/modules/ledger/money.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { dayAt, exampleAt, seedAuditLedger } from './support/audit-ledger.js';
import { describeDifferences, expectBooksBalance } from './support/books-balance.js';
import { migratedDatabase } from './support/ledger-fixtures.js';
import { startTestApi } from './support/test-api.js';
import type { TestDatabase } from './support/test-database.js';

const EXAMPLE = { from: exampleAt('10:00'), to: exampleAt('12:00') };
const DAY = { start: dayAt('08:00'), end: dayAt('12:00') };

describe('AuditEconomics', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: RunningApi;
  let client: UnaryClient<(typeof EconomicsService)['method']>;
  const bearer = { admin: '', tenantAdmin: '' };

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    const { tenant1 } = await seedAuditLedger(dataSource);
    const tokens = new ApiTokensRepository(dataSource);
    bearer.admin = (await tokens.issue({ tenantId: tenant1, name: 'finops', admin: true })).token;
    bearer.tenantAdmin = (
      await tokens.issue({ tenantId: tenant1, name: 'lead', role: 'tenant_admin' })
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

  const audit = (window: { start: Date; end: Date }, token = bearer.admin) =>
    client.auditEconomics(
      { window: { start: timestampFromDate(window.start), end: timestampFromDate(window.end) } },
      { timeoutMs: 60_000, metadata: { authorization: `Bearer ${token}` } },
    );

  it("reproduces the README's worked example from the raw rows alone", async () => {
    const rows = await new AuditRepository(dataSource).read(EXAMPLE);
    const byTeam = rows.groupings.find((g) => g.groupBy.join() === 'tag:team');
    const team = (value: string): SqlRow => byTeam?.rows.find((r) => r.g0 === value) ?? {};
    const pick = (r: SqlRow, ...names: string[]) => names.map((n) => String(r[n]));
    const figures = ['used', 'shared', 'idle_line', 'idle_rest', 'total_f', 'total_t'];
    // Picodollars, from the README's table: used $0.008333333333 split by tokens 1:3 (floors);
    // idle $1.591666666668 on its own line, or shared floor(x 1/4) and floor(x 3/4).
    expect(pick(team('a'), ...figures)).toEqual([
      '2083333333',
      '397916666667',
      '0',
      '0',
      '2083333333',
      '400000000000',
    ]);
    expect(pick(team('b'), ...figures)).toEqual([
      '6249999999',
      '1193750000001',
      '0',
      '0',
      '6249999999',
      '1200000000000',
    ]);
    expect(pick(team(''), 'idle_line', 'idle_rest', 'present_f', 'present_t')).toEqual([
      '1591666666668',
      '0',
      'true',
      'false',
    ]);
    expect(pick(rows.total.rows[0] ?? {}, 'total_f', 'total_t')).toEqual([
      '1600000000000',
      '1600000000000',
    ]);
    const [l4] = rows.crossover.filter((r) => r.model === 'ml/example-l4');
    // $1.60 over 2 run hours: $0.80 an hour whatever the window; 1 replica carries the load.
    expect(pick(l4 ?? {}, 'gpu', 'self_hourly', 'needed', 'run_hours')).toEqual([
      '1600000000000',
      '800000000000',
      '1',
      '2',
    ]);
  });

  it('finds a figure the service changed behind the raw rows (a corrupted rollup)', async () => {
    await new UsageRollup(dataSource).rollupHours(dayAt('12:00'));
    const [{ hour } = { hour: '' }] = await dataSource.query<Array<{ hour: string }>>(
      `UPDATE usage_hourly SET cost_usd = cost_usd + 0.000000000007
       WHERE ctid = (SELECT ctid FROM usage_hourly WHERE model_name = 'mini'
                     AND hour = '2026-10-05T09:00:00Z' LIMIT 1)
       RETURNING hour::text`,
    );
    expect(hour).not.toBe('');
    try {
      const reply = await audit(DAY);
      const total = reply.differences.filter(
        (d) =>
          d.report === 'GetCostReport' &&
          d.groupBy === '' &&
          d.group === 'total' &&
          d.figure === 'cost.external_usd',
      );
      expect(total).toHaveLength(1);
      const picos = (usd = '') => parseScaled(usd, PICO_DECIMALS);
      expect(picos(total[0]?.serviceValue) - picos(total[0]?.auditValue)).toBe(7n);
    } finally {
      await dataSource.query(
        `UPDATE usage_hourly SET cost_usd = cost_usd - 0.000000000007 WHERE ctid = (
           SELECT ctid FROM usage_hourly WHERE model_name = 'mini'
           AND hour = '2026-10-05T09:00:00Z' LIMIT 1)`,
      );
    }
  });

  it('balances the books of an honest ledger', async () => {
    const checked = await expectBooksBalance(client, bearer.admin, DAY);
    expect(checked).toBeGreaterThan(500n);
    await expectBooksBalance(client, bearer.admin, { start: EXAMPLE.from, end: EXAMPLE.to });
    // Partial first and last hours (clipped model hours), and a window holding both ledgers.
    await expectBooksBalance(client, bearer.admin, { start: dayAt('08:25'), end: dayAt('11:50') });
    await expectBooksBalance(client, bearer.admin, { start: exampleAt('09:00'), end: DAY.end });
  });

  it('is for platform admins, on closed windows only', async () => {
    await expect(audit(DAY, bearer.tenantAdmin)).rejects.toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
    });
    await expect(audit(DAY, '')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    const open = await audit({ start: DAY.start, end: new Date(Date.now() + 3_600_000) }).catch(
      (error: unknown) => error as { code: number; details: string },
    );
    expect(open).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect((open as { details: string }).details).toContain('window.end');
  });

  it('lists differences readably', () => {
    expect(
      describeDifferences([
        {
          $typeName: 'sluice.v1.AuditDifference',
          report: 'GetSavings',
          groupBy: 'model',
          group: 'ml/llama',
          figure: 'actual_cost_usd',
          serviceValue: '1',
          auditValue: '',
        },
      ]),
    ).toBe('GetSavings [model] ml/llama actual_cost_usd: service 1, audit -');
  });
});
