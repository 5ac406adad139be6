// GetSavings with baseline_model: every query of the synthetic day (support/economics-day.ts)
// priced on one named model, each figure worked by hand.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GetSavingsRequestSchema } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../src/grpc/auth/caller.js';
import { GrpcStatus } from '../src/grpc/sluice-error.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { at, seedDay } from './support/economics-day.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { migratedDatabase } from './support/ledger-fixtures.js';
import type { TestDatabase } from './support/test-database.js';

const NEXT_DAY = new Date('2026-11-03T00:00:00Z');

describe('GetSavings priced on a named baseline_model', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let economics: EconomicsService;
  let admin: Caller;

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    const repository = new EconomicsRepository(dataSource);
    economics = new EconomicsService(new EconomicsLoader(repository), repository);
    const day = await seedDay(dataSource);
    admin = { tenantId: day.tenant1, tenantName: 'x', tokenId: 'k', scope: {}, admin: true };
    const ledger = new LedgerRepository(dataSource);
    // ml/mid changes price at 11:15, between rows #4 (11:00) and #8 (11:30); ml/late is priced
    // from 12:00 only.
    const mid = (inputPer1M: string, outputPer1M: string) =>
      ({ provider: 'external', inputPer1M, outputPer1M }) as const;
    await ledger.recordPrice({ namespace: 'ml', name: 'mid' }, mid('1', '2'), at('00:00'));
    await ledger.recordPrice({ namespace: 'ml', name: 'mid' }, mid('10', '20'), at('11:15'));
    await ledger.recordPrice({ namespace: 'ml', name: 'late' }, mid('1', '1'), at('12:00'));
    // Whole hours are rolled up: the baseline reads must not depend on it.
    await new UsageRollup(dataSource).rollupHours(NEXT_DAY);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const savings = (name: string, init: object = {}, from = at('00:00'), to = NEXT_DAY) =>
    economics.savings(
      create(GetSavingsRequestSchema, {
        window: { start: timestampFromDate(from), end: timestampFromDate(to) },
        baselineModel: { namespace: 'ml', name },
        ...init,
      }),
      admin,
    );

  it('on the policy baseline model gives the policy baseline: ml/frontier at its prices then', async () => {
    const named = await savings('frontier', { groupBy: ['tag:team'] });
    const policy = await economics.savings(
      create(GetSavingsRequestSchema, {
        window: { start: timestampFromDate(at('00:00')), end: timestampFromDate(NEXT_DAY) },
        groupBy: ['tag:team'],
      }),
      admin,
    );
    // Rows 1-11 at $5/$2.50/$15 per 1M before 12:00 and $4/$2/$12 after, hits with their
    // source's tokens: 0.008 + 0.006 + 0.07 + 0.07 + 0.0168 + 0.015 + 0.024 + 0.02 + 0.012
    // + 0.002 + 0.01.
    expect(named.total?.frontierBaselineCostUsd).toBe('0.2538');
    expect(named).toEqual(policy);
  });

  it('on an external model prices every query at its token prices', async () => {
    const reply = await savings('mini', { groupBy: ['tag:team'] });
    // a: 0.00036 + 0.00028 + 0.003 + 0.003 + 0.00096; b: 0.0007 + 0.0014 + 0.001 + 0.0007 + 0.0001;
    // c (tenant 2): 0.0004
    expect((reply.rows ?? []).map((r) => [r.group?.[0]?.value, r.frontierBaselineCostUsd])).toEqual(
      [
        // By savings, descending: c 0.0004 - 0.00000031002, a 0.0076 - 0.019800286768,
        // b 0.0039 - 0.020100488281 (teams pay their used GPU time, economics.int-spec.ts); the
        // admin's idle line has no query to price and saves -$47.999998914931.
        ['c', '0.0004'],
        ['a', '0.0076'],
        ['b', '0.0039'],
        ['', '0'],
      ],
    );
    expect(reply.total?.frontierBaselineCostUsd).toBe('0.0119');
  });

  it('uses the price in effect when each query occurred, even within an hour', async () => {
    const reply = await savings('mid', {}, at('11:00'), at('12:00'));
    // #4 at 11:00: 12000 input (cached billed as input) x $1 + 1000 x $2 = $0.014;
    // #8 at 11:30: 1000 x $10 + 1000 x $20 = $0.03.
    expect(reply.total?.frontierBaselineCostUsd).toBe('0.044');
  });

  it('on a self-hosted model prices every token at its GPU cost per token in the window', async () => {
    const reply = await savings('llama', { groupBy: ['tag:team'] });
    // $48 / 10000 served tokens = $0.0048 a token, hits' tokens too: a 31000, b 10500, c 2000.
    expect((reply.rows ?? []).map((r) => [r.group?.[0]?.value, r.frontierBaselineCostUsd])).toEqual(
      [
        ['a', '148.8'],
        ['b', '50.4'],
        ['c', '9.6'],
        ['', '0'], // the idle line: no query
      ],
    );
    expect(reply.total?.frontierBaselineCostUsd).toBe('208.8');
  });

  it.each<[string, string, [Date, Date], RegExp]>([
    ['priced after some queries', 'late', [at('00:00'), NEXT_DAY], /no price when 7 of 11 queries/],
    ['self-hosted with no traffic', 'llama', [at('00:00'), at('06:00')], /served no tokens/],
    ['unknown to the ledger', 'nobody', [at('00:00'), NEXT_DAY], /no prices and no GPUs/],
  ])('is FAILED_PRECONDITION naming baseline_model when %s', async (_name, model, span, why) => {
    const reply = savings(model, {}, ...span);
    await expect(reply).rejects.toMatchObject({ code: GrpcStatus.FAILED_PRECONDITION });
    await expect(reply).rejects.toThrow(/baseline_model/);
    await expect(reply).rejects.toThrow(why);
  });

  it('is INVALID_ARGUMENT without a name', async () => {
    const reply = economics.savings(
      create(GetSavingsRequestSchema, {
        window: { start: timestampFromDate(at('00:00')), end: timestampFromDate(NEXT_DAY) },
        baselineModel: { namespace: 'ml', name: '' },
      }),
      admin,
    );
    await expect(reply).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(reply).rejects.toThrow(/baseline_model.name/);
  });

  // The windows read above: the day, 11:00-12:00 across ml/mid's price change, 00:00-06:00.
  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [
      { start: at('00:00'), end: NEXT_DAY },
      { start: at('11:00'), end: at('12:00') },
      { start: at('00:00'), end: at('06:00') },
    ],
  );
});
