import { existsSync } from 'node:fs';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EconomicsService, Granularity } from '@sluice/proto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { DataSource } from 'typeorm';
import type { RunningApi } from '../src/bootstrap.js';
import { runMigrations } from '../src/database/migrate.js';
import { createUnaryClient, type UnaryClient } from '../src/grpc/grpc-client.js';
import { ApiTokensRepository } from '../src/modules/apitokens/api-tokens.repository.js';
import { parsePicos } from '../src/modules/ledger/money.js';
import type { DashboardData } from '../src/modules/dashboard/dashboard-data.js';
import { at, seedDay } from './support/economics-day.js';
import { createTenant, openDataSource } from './support/ledger-fixtures.js';
import { startTestApi } from './support/test-api.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// Debian's chromium, which .ci/run installs; CHROMIUM_PATH for another build.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY_QUERY = 'from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z';
const CHARTS = ['cost-per-query', 'routing', 'cache-hit-rate', 'savings'];

/** Pixels of the page's data colours: saturated ones; the page's own chrome is all grey. */
function dataPixels(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (Math.max(...rgb) - Math.min(...rgb) > 80) count += 1;
  }
  return count;
}

/**
 * A headline saving as the page should show it: the exact figure in cents, half up away from
 * zero, worked here on picodollars; '–' while the API leaves it empty.
 */
function headline(usd: string | undefined, ratio = 0): string {
  if (usd === undefined || usd === '') return '–';
  const picos = parsePicos(usd);
  const magnitude = picos < 0n ? -picos : picos;
  const cents = (magnitude + 5_000_000_000n) / 10_000_000_000n;
  const sign = picos < 0n && cents > 0n ? '-' : '';
  const dollars = (cents / 100n).toLocaleString('en-US');
  const text = `${sign}$${dollars}.${(cents % 100n).toString().padStart(2, '0')}`;
  return `${text} (${(ratio * 100).toFixed(1)}%)`;
}

// The unit-economics page over the synthetic day of economics.int-spec.ts: its JSON agrees with
// EconomicsService over gRPC, and headless Chromium draws all four charts with data.
describe('unit-economics page', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let api: RunningApi;
  let browser: Browser;
  let economics: UnaryClient<(typeof EconomicsService)['method']>;
  const bearer = { admin: '', teamB: '', idle: '' };

  const json = (path: string, token?: string) =>
    fetch(`${api.httpUrl}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  async function openPage(token: string | undefined, query = DAY_QUERY): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const hash = token === undefined ? '' : `#token=${token}`;
    await page.goto(`${api.httpUrl}/dashboard?${query}${hash}`);
    return page;
  }

  // A string, not a function: this file is type-checked without the DOM library.
  const settled = (page: Page) =>
    page.waitForFunction(
      `document.querySelectorAll('.chart[data-rendered]').length === ${CHARTS.length}`,
    );

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
    }
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    const day = await seedDay(dataSource);
    const tokens = new ApiTokensRepository(dataSource);
    bearer.admin = (
      await tokens.issue({ tenantId: day.tenant1, name: 'finops', admin: true })
    ).token;
    bearer.teamB = (
      await tokens.issue({ tenantId: day.tenant1, name: 'team-b', scope: { team: 'b' } })
    ).token;
    const quiet = await createTenant(dataSource);
    bearer.idle = (await tokens.issue({ tenantId: quiet, name: 'quiet' })).token;
    api = await startTestApi(db.url);
    economics = createUnaryClient(EconomicsService, api.grpcAddress);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    economics?.close();
    await api?.app.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('serves figures that agree with EconomicsService, for what the token may see', async () => {
    const response = await json(`/v1/economics/dashboard?${DAY_QUERY}`, bearer.teamB);
    expect(response.status).toBe(200);
    const data = (await response.json()) as DashboardData;
    const window = {
      start: timestampFromDate(at('00:00')),
      end: timestampFromDate(new Date('2026-11-03T00:00:00Z')),
    };
    const grpc = await economics.getCostReport(
      { window, granularity: Granularity.HOUR },
      { timeoutMs: 10_000, metadata: { authorization: `Bearer ${bearer.teamB}` } },
    );
    expect(data.totals.costUsd).toBe(grpc.total?.cost?.totalUsd);
    // Team b's five queries (rows 6-10 of the day), one of them a semantic cache hit.
    expect(data.totals.queries).toBe(5);
    expect(data.totals.cacheHitRate).toBeCloseTo(1 / 5, 12);
    expect(data.granularity).toBe('hour');
    expect(data.timeline.map((p) => p.bucketStart)).toEqual(
      [...data.timeline.map((p) => p.bucketStart)].sort(),
    );
    expect(data.timeline.reduce((n, p) => n + p.queries, 0)).toBe(5);
    expect(data.routing.map((s) => [s.tier, s.model, s.queries])).toEqual(
      expect.arrayContaining([
        ['small', 'ml/llama', 3],
        ['frontier', 'ml/frontier', 1],
        ['small', 'ml/mini', 1],
      ]),
    );
    expect(data.savings).toMatchObject({ rows: [{ group: 'b', queries: 5 }] });
  });

  it('gives an admin one point per hour, idle GPU hours included', async () => {
    const response = await json(`/v1/economics/dashboard?${DAY_QUERY}`, bearer.admin);
    const data = (await response.json()) as DashboardData;
    const hours = data.timeline.map((p) => p.bucketStart.slice(11, 13));
    // llama's two replicas run 06:00-18:00: twelve hours of GPU cost, eight with queries.
    expect(hours).toEqual(['06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17']);
    expect(
      data.timeline.filter((p) => p.queries > 0).map((p) => p.bucketStart.slice(11, 13)),
    ).toEqual(['08', '09', '10', '11', '13', '14', '15', '16']);
    expect(data.totals.queries).toBe(11);
  });

  it('refuses a missing token and names the query parameter at fault', async () => {
    const anonymous = await json(`/v1/economics/dashboard?${DAY_QUERY}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await json('/v1/economics/dashboard?from=yesterday', bearer.admin);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', fieldViolations: [{ field: 'from' }] },
    });
    expect((await json('/dashboard/../package.json')).status).toBe(404);
    expect((await json('/dashboard/secrets.txt')).status).toBe(404);
  });

  it('draws all four charts with data in headless Chromium', async () => {
    const page = await openPage(bearer.admin);
    await settled(page);
    expect(page.url()).not.toContain('token='); // dropped from the address bar
    for (const id of CHARTS) {
      const chart = page.locator(`#${id}`);
      expect(await chart.getAttribute('data-rendered')).toBe('data');
      const pixels = dataPixels(await chart.locator('canvas').screenshot());
      expect({ id, drawn: pixels > 300 }).toEqual({ id, drawn: true });
    }
    expect(await page.locator('[data-total="queries"]').textContent()).toBe('11');
    await page.close();
  });

  it('shows both savings in the headline, labelled, and shares idle when asked', async () => {
    const page = await openPage(bearer.admin);
    await settled(page);
    const data = (await (
      await json(`/v1/economics/dashboard?${DAY_QUERY}`, bearer.admin)
    ).json()) as DashboardData;
    if ('unavailable' in data.savings) throw new Error('the day prices its baseline');
    const total = data.savings.total;
    expect([total?.savedMarginalUsd, total?.savedFullyLoadedUsd]).not.toContain('');
    const shown = async (name: string) =>
      (await page.locator(`[data-total="${name}"]`).textContent()) ?? '';
    expect(await shown('savedMarginal')).toBe(
      headline(total?.savedMarginalUsd, total?.savedMarginalRatio),
    );
    expect(await shown('savedFullyLoaded')).toBe(
      headline(total?.savedFullyLoadedUsd, total?.savedFullyLoadedRatio),
    );
    const labels = await page.locator('#totals span').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining([
        'Saved vs all-frontier, marginal',
        'Saved vs all-frontier, fully loaded',
      ]),
    );
    expect(await page.locator('#window-text').textContent()).toContain(
      'idle GPU cost as its own line',
    );
    await page.locator('input[name="shareIdle"]').check();
    await page.waitForURL(/shareIdle=true/);
    await settled(page);
    expect(await page.locator('#window-text').textContent()).toContain(
      'idle GPU cost shared over the groups',
    );
    expect(await page.locator('input[name="shareIdle"]').isChecked()).toBe(true);
    // The box reaches the RPCs: idle moves from the admin's idle line onto the teams.
    const sharing = (await (
      await json(`/v1/economics/dashboard?${DAY_QUERY}&shareIdle=true`, bearer.admin)
    ).json()) as DashboardData;
    const teamCost = (d: DashboardData, team: string) =>
      'rows' in d.savings ? d.savings.rows.find((r) => r.group === team)?.actualCostUsd : '';
    expect(parsePicos(teamCost(sharing, 'a') ?? '0')).toBeGreaterThan(
      parsePicos(teamCost(data, 'a') ?? '0'),
    );
    await page.close();
  });

  it('draws no data where there is none, so the pixel check above means something', async () => {
    const page = await openPage(bearer.idle);
    await settled(page);
    for (const id of CHARTS) {
      const chart = page.locator(`#${id}`);
      expect(await chart.getAttribute('data-rendered')).toBe('empty');
      expect(dataPixels(await chart.screenshot())).toBe(0);
    }
    await page.close();
  });

  it('asks for a token, and says what the API refused', async () => {
    const anonymous = await openPage(undefined);
    await anonymous.locator('#login').waitFor({ state: 'visible' });
    await anonymous.close();
    const badWindow = await openPage(bearer.admin, 'from=yesterday');
    await badWindow.locator('#problem').waitFor({ state: 'visible' });
    expect(await badWindow.locator('#problem').textContent()).toContain('from');
    await badWindow.close();
  });
});
