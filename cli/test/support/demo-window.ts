// The demo's window read every way a person can read it: `sluice economics savings` as a table
// and as JSON, the unit-economics page's data, and EconomicsService over gRPC.
import { Writable } from 'node:stream';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { createUnaryClient } from '@sluice/api';
import {
  EconomicsService,
  type GetCostReportResponse,
  type GetSavingsResponse,
  type GetUnitEconomicsResponse,
} from '@sluice/proto';
import type { DashboardData } from '../../../api/src/modules/dashboard/dashboard-data.js';
import { economics } from '../../src/commands/economics.js';
import type { DemoResult } from '../../src/demo/run.js';
import type { DemoApi } from './demo-api.js';

export interface DemoWindowReads {
  readonly from: string;
  readonly to: string;
  /** `sluice economics savings --group-by tag:team` for the window, as printed. */
  readonly table: string;
  /** The same with `-o json`, parsed. */
  readonly json: unknown;
  readonly page: DashboardData;
  readonly grpc: {
    readonly savings: GetSavingsResponse;
    readonly unit: GetUnitEconomicsResponse;
    readonly cost: GetCostReportResponse;
  };
}

async function printed(run: (out: Writable) => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  await run(out);
  return chunks.join('');
}

/**
 * Reads the window as the demo printed it ("Window <from> to <to>"), as a person copying it
 * would; it must be the window the demo's own figures are for.
 */
export async function readDemoWindow(
  api: DemoApi,
  demo: DemoResult,
  printedText: string,
): Promise<DemoWindowReads> {
  const [, from, to] = /^Window (\S+) to (\S+) /m.exec(printedText) ?? [];
  if (from === undefined || to === undefined) throw new Error('the demo printed no window');
  const exact = [demo.window.start, demo.window.end].map((t) => timestampDate(t).getTime());
  if (exact.join() !== [Date.parse(from), Date.parse(to)].join())
    throw new Error(`the demo printed ${from} to ${to}, not the window of its figures`);
  const filter = `tag:demo_run=${demo.runId}`;
  const flags = { address: api.address, timeout: '10000', token: api.token, from, to };
  const savings = { ...flags, groupBy: 'tag:team', filter: [filter] };
  const table = await printed((out) => economics('savings', { ...savings, output: 'table' }, out));
  const json = await printed((out) => economics('savings', { ...savings, output: 'json' }, out));
  const query = new URLSearchParams({ from, to, filter, savingsBy: 'tag:team' });
  const response = await fetch(`${api.httpUrl}/v1/economics/dashboard?${query.toString()}`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  if (!response.ok) throw new Error(`the page's data: ${response.status} ${await response.text()}`);
  const page = (await response.json()) as DashboardData;
  const client = createUnaryClient(EconomicsService, api.address);
  try {
    const call = { metadata: { authorization: `Bearer ${api.token}` } };
    const request = {
      window: demo.window,
      filters: [{ dimension: 'tag:demo_run', values: [demo.runId] }],
    };
    const grpc = {
      savings: await client.getSavings({ ...request, groupBy: ['tag:team'] }, call),
      unit: await client.getUnitEconomics(request, call),
      cost: await client.getCostReport(request, call),
    };
    return { from, to, table, json: JSON.parse(json) as unknown, page, grpc };
  } finally {
    client.close();
  }
}
