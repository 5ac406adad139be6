import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { createUnaryClient, type UnaryClient } from '@sluice/api/grpc-client';
import {
  EconomicsService,
  Granularity,
  GetCostReportResponseSchema,
  GetCrossoverResponseSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsResponseSchema,
} from '@sluice/proto';
import { formatTable, type TableSpec } from '../output/table.js';
import {
  callOptions,
  formatMessage,
  type Call,
  type ConnectionOptions,
  type MessageFormat,
} from './connection.js';
import { crossoverTable } from './economics-crossover-table.js';
import {
  costTable,
  savingsTable,
  SAVINGS_LEGEND,
  unitTable,
  type TableView,
} from './economics-tables.js';
import { parsePrecision } from '../output/money.js';
import { parseFilters, parseGroupBy, parseWindow } from './economics-window.js';
import type { EconomicsReport, GranularityName } from './economics-reports.js';

export interface EconomicsOptions extends ConnectionOptions {
  readonly from: string;
  readonly to: string;
  readonly groupBy: string;
  readonly filter: readonly string[];
  readonly output: MessageFormat;
  /** Cost report only; 'none' (the default) is one bucket for the whole window. */
  readonly granularity?: GranularityName;
  /** cost, unit and savings: spread idle GPU cost over the groups (OpenCost's shareIdle). */
  readonly shareIdle?: boolean;
  /** Tables only: fraction digits of money, 0-12 (default 2, cents); JSON/YAML stay exact. */
  readonly precision?: string;
}

const GRANULARITY: Record<GranularityName, Granularity> = {
  none: Granularity.UNSPECIFIED,
  hour: Granularity.HOUR,
  day: Granularity.DAY,
  week: Granularity.WEEK,
  month: Granularity.MONTH,
};

type Client = UnaryClient<(typeof EconomicsService)['method']>;
type Out = NodeJS.WritableStream & { isTTY?: boolean };

export interface EconomicsQuery {
  readonly window: {
    start: ReturnType<typeof timestampFromDate>;
    end: ReturnType<typeof timestampFromDate>;
  };
  readonly groupBy: string[];
  readonly filters: { dimension: string; values: string[] }[];
  readonly granularity: Granularity;
  readonly shareIdle: boolean;
}

export function economicsQuery(options: EconomicsOptions, now = new Date()): EconomicsQuery {
  const window = parseWindow(options.from, options.to, now);
  return {
    window: { start: timestampFromDate(window.start), end: timestampFromDate(window.end) },
    groupBy: parseGroupBy(options.groupBy),
    filters: parseFilters(options.filter),
    granularity: GRANULARITY[options.granularity ?? 'none'],
    shareIdle: options.shareIdle === true,
  };
}

/** One report, as the table spec or the reply's JSON/YAML text. */
async function fetchReport(
  client: Client,
  kind: EconomicsReport,
  query: EconomicsQuery,
  { call, view }: { call: Call; view: TableView },
): Promise<{ table: TableSpec; text: (format: 'json' | 'yaml') => string; legend?: string }> {
  switch (kind) {
    case 'cost': {
      const reply = await client.getCostReport(query, call);
      const bucketed = query.granularity !== Granularity.UNSPECIFIED;
      return {
        table: costTable(query.groupBy, reply, bucketed, view),
        text: (f) => formatMessage(GetCostReportResponseSchema, reply, f),
      };
    }
    case 'savings': {
      const reply = await client.getSavings(query, call);
      return {
        table: savingsTable(query.groupBy, reply, view),
        text: (f) => formatMessage(GetSavingsResponseSchema, reply, f),
        legend: SAVINGS_LEGEND,
      };
    }
    case 'crossover': {
      const reply = await client.getCrossover({ window: query.window }, call);
      return {
        table: crossoverTable(reply, view),
        text: (f) => formatMessage(GetCrossoverResponseSchema, reply, f),
      };
    }
    default: {
      const reply = await client.getUnitEconomics(query, call);
      return {
        table: unitTable(query.groupBy, reply, view),
        text: (f) => formatMessage(GetUnitEconomicsResponseSchema, reply, f),
      };
    }
  }
}

/** sluice.v1.EconomicsService: unit economics, cost, savings or crossover for a window. */
export async function economics(
  kind: EconomicsReport,
  options: EconomicsOptions,
  out: Out = process.stdout,
): Promise<void> {
  const query = economicsQuery(options);
  // Options a report has no use for are a mistake, not a no-op.
  if (kind !== 'cost' && query.granularity !== Granularity.UNSPECIFIED)
    throw new Error('--granularity applies to the cost report only (sluice economics cost)');
  if (kind === 'crossover' && query.shareIdle)
    throw new Error('--share-idle applies to cost, unit and savings (crossover shows idle apart)');
  const view = { precision: parsePrecision(options.precision) };
  const call = await callOptions(options);
  const client = createUnaryClient(EconomicsService, options.address);
  try {
    const report = await fetchReport(client, kind, query, { call, view });
    out.write(
      options.output === 'table'
        ? formatTable(report.table, out) + (report.legend ?? '')
        : report.text(options.output),
    );
  } finally {
    client.close();
  }
}
