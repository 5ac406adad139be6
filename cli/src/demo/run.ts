import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { createUnaryClient } from '@sluice/api/grpc-client';
import { EconomicsService, RouterService, type GetUnitEconomicsResponse } from '@sluice/proto';
import { NO_USAGE } from '../commands/economics-tables.js';
import { callOptions, type Call, type ConnectionOptions } from '../commands/connection.js';
import { parsePrecision } from '../output/money.js';
import { auditBooks, type BooksVerdict } from './audit.js';
import { ModelCaller } from './model-call.js';
import {
  sendBatch,
  summarize,
  summaryLine,
  type RouterClient,
  type Sent,
  type SentSummary,
} from './send.js';
import {
  formatFigures,
  SAVINGS_GROUP_BY,
  UNIT_GROUP_BY,
  type DemoFigures,
  type DemoWindow,
} from './tables.js';
import { syntheticDay } from './traffic.js';

export interface DemoOptions extends ConnectionOptions {
  readonly policy: string;
  readonly namespace: string;
  readonly queries: string;
  readonly seed?: string;
  /** How long to wait for the asynchronous ingest to show every query, in ms. */
  readonly wait: string;
  /** Fraction digits of money in the tables (default 2: cents). */
  readonly precision?: string;
}

export interface DemoResult extends DemoFigures, SentSummary {
  readonly runId: string;
  /** The window the figures are for: from a minute before the first query until all was booked. */
  readonly window: DemoWindow;
  /** AuditEconomics over that window, printed last. */
  readonly books: BooksVerdict;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean };
type EconomicsClient = ReturnType<typeof economicsClient>;
const economicsClient = (address: string) => createUnaryClient(EconomicsService, address);
const BATCH = 20;

/** A few business outcomes: every third support classification that a model answered. */
async function reportOutcomes(client: RouterClient, call: Call, runId: string, sent: Sent[]) {
  const resolved = sent.filter((s) => s.query.task === 'classification' && s.answers.length > 0);
  const picked = resolved.filter((_s, i) => i % 3 === 0);
  for (const [i, s] of picked.entries()) {
    const request = { idempotencyKey: `${runId}:ticket:${i}`, outcome: 'ticket_resolved' };
    await client.reportOutcome({ ...request, decisionIds: [s.decision.decisionId] }, call);
  }
}

interface Query {
  readonly window: DemoWindow;
  readonly filters: { dimension: string; values: string[] }[];
}
interface Expected {
  readonly queries: number;
  readonly modelCalls: number;
  readonly waitMs: number;
}

/** The savings report, or the API's reason when it cannot price the baseline. */
const savingsOrReason = (economics: EconomicsClient, call: Call, query: Query) =>
  economics
    .getSavings({ ...query, groupBy: SAVINGS_GROUP_BY }, call)
    .catch((error: unknown) => (error as { details?: string }).details ?? String(error));

/** The ledger's counts of the demo's queries and model calls, and whether they are all there. */
const booked = (figures: GetUnitEconomicsResponse, expected: Expected) => {
  const usage = figures.total?.usage ?? NO_USAGE;
  const [queries, modelCalls] = [Number(usage.queries), Number(usage.modelCalls)];
  const all = queries >= expected.queries && modelCalls >= expected.modelCalls;
  return { queries, modelCalls, all };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls Economics until the ledger holds every routed query and reported call (ingest is async). */
async function waitUntilBooked(
  economics: EconomicsClient,
  call: Call,
  query: Query,
  expected: Expected,
): Promise<void> {
  const deadline = Date.now() + expected.waitMs;
  for (;;) {
    const unit = await economics.getUnitEconomics({ ...query, groupBy: UNIT_GROUP_BY }, call);
    const { queries, modelCalls, all } = booked(unit, expected);
    if (all) return;
    if (Date.now() > deadline) {
      throw new Error(
        `after ${expected.waitMs} ms Economics shows ${queries} of ${expected.queries} queries ` +
          `and ${modelCalls} of ${expected.modelCalls} model calls`,
      );
    }
    await sleep(250);
  }
}

/**
 * The figures of a closed window, read once everything is booked. Economics charges GPU time up
 * to the window's end or its own now, whichever is first: a window ending in the future changes
 * from one read to the next (and five minutes later disagrees with the demo's own numbers). So
 * the window ends at the next whole second (one a person can type back) and is read once that
 * has passed. Should queries fall after it (the API's clock is ahead of this one, and stamped
 * them later), a later end is tried until the wait runs out.
 */
async function closedWindowFigures(
  economics: EconomicsClient,
  call: Call,
  open: Query,
  expected: Expected,
): Promise<DemoFigures & { readonly window: DemoWindow }> {
  await waitUntilBooked(economics, call, open, expected);
  const deadline = Date.now() + expected.waitMs;
  for (;;) {
    const end = new Date(Math.ceil(Date.now() / 1000) * 1000);
    while (Date.now() <= end.getTime()) await sleep(end.getTime() + 1 - Date.now());
    const window = { start: open.window.start, end: timestampFromDate(end) };
    const query = { ...open, window };
    const unit = await economics.getUnitEconomics({ ...query, groupBy: UNIT_GROUP_BY }, call);
    if (booked(unit, expected).all)
      return { unit, savings: await savingsOrReason(economics, call, query), window };
    if (Date.now() > deadline)
      throw new Error(`the API booked queries after ${end.toISOString()}: is its clock ahead?`);
    await sleep(1000);
  }
}

/** `sluice demo`: a synthetic day through Route, the models and ReportUsage, then its economics. */
export async function demo(options: DemoOptions, out: Out = process.stdout): Promise<DemoResult> {
  const call = await callOptions(options);
  const view = { precision: parsePrecision(options.precision) };
  const seed = options.seed === undefined ? Date.now() % 1_000_000 : Number(options.seed);
  const runId = `demo-${seed}-${Date.now().toString(36)}`;
  const day = syntheticDay({ queries: Number(options.queries), seed, gap: BATCH });
  // Whole seconds: the demo prints its window for a person to read again with the CLI or page.
  const started = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const router = createUnaryClient(RouterService, options.address);
  const economics = economicsClient(options.address);
  try {
    const context = {
      client: router,
      call,
      policy: { namespace: options.namespace, name: options.policy },
      tags: { demo_run: runId },
      models: new ModelCaller(),
    };
    const sent: Sent[] = [];
    for (let i = 0; i < day.length; i += BATCH)
      sent.push(...(await sendBatch(context, day.slice(i, i + BATCH))));
    await reportOutcomes(router, call, runId, sent);
    const summary = summarize(sent);
    out.write(summaryLine(summary, runId));
    const end = new Date(Date.now() + 60_000);
    const window = { start: timestampFromDate(started), end: timestampFromDate(end) };
    const query = { window, filters: [{ dimension: 'tag:demo_run', values: [runId] }] };
    // A shadow call is a model call but not a query of its own (economics.proto).
    const expected = { queries: summary.routed, modelCalls: summary.modelCalls };
    const waitMs = Number(options.wait);
    const figures = await closedWindowFigures(economics, call, query, { ...expected, waitMs });
    out.write(formatFigures(figures, runId, out, view));
    // Recomputing every figure takes longer than one report: the ingest's wait bounds it too.
    const auditCall = { ...call, timeoutMs: Math.max(call.timeoutMs, waitMs) };
    const books = await auditBooks(economics, auditCall, figures.window, out);
    // CI runs the demo: figures that do not balance fail it, as `sluice economics audit` does.
    if (books === 'differences') process.exitCode = 1;
    return { ...figures, ...summary, runId, books };
  } finally {
    router.close();
    economics.close();
  }
}
