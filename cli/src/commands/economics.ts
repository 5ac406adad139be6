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
import { costTable, crossoverTable, savingsTable, unitTable } from './economics-tables.js';
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
}

export function economicsQuery(options: EconomicsOptions, now = new Date()): EconomicsQuery {
  const window = parseWindow(options.from, options.to, now);
  return {
    window: { start: timestampFromDate(window.start), end: timestampFromDate(window.end) },
    groupBy: parseGroupBy(options.groupBy),
    filters: parseFilters(options.filter),
    granularity: GRANULARITY[options.granularity ?? 'none'],
  };
}

/** One report, as the table spec or the reply's JSON/YAML text. */
async function fetchReport(
  client: Client,
  kind: EconomicsReport,
  query: EconomicsQuery,
  call: Call,
): Promise<{ table: TableSpec; text: (format: 'json' | 'yaml') => string }> {
  switch (kind) {
    case 'cost': {
      const reply = await client.getCostReport(query, call);
      return {
        table: costTable(query.groupBy, reply, query.granularity !== Granularity.UNSPECIFIED),
        text: (f) => formatMessage(GetCostReportResponseSchema, reply, f),
      };
    }
    case 'savings': {
      const reply = await client.getSavings(query, call);
      return {
        table: savingsTable(query.groupBy, reply),
        text: (f) => formatMessage(GetSavingsResponseSchema, reply, f),
      };
    }
    case 'crossover': {
      const reply = await client.getCrossover({ window: query.window }, call);
      return {
        table: crossoverTable(reply),
        text: (f) => formatMessage(GetCrossoverResponseSchema, reply, f),
      };
    }
    default: {
      const reply = await client.getUnitEconomics(query, call);
      return {
        table: unitTable(query.groupBy, reply),
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
  // The other reports have no buckets: asking for them is a mistake, not a no-op.
  if (kind !== 'cost' && query.granularity !== Granularity.UNSPECIFIED)
    throw new Error('--granularity applies to the cost report only (sluice economics cost)');
  const call = await callOptions(options);
  const client = createUnaryClient(EconomicsService, options.address);
  try {
    const report = await fetchReport(client, kind, query, call);
    out.write(
      options.output === 'table' ? formatTable(report.table, out) : report.text(options.output),
    );
  } finally {
    client.close();
  }
}
