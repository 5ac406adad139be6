import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { createUnaryClient } from '@sluice/api/grpc-client';
import { AuditEconomicsResponseSchema, EconomicsService } from '@sluice/proto';
import { formatTable, type TableSpec } from '../output/table.js';
import { callOptions, formatMessage } from './connection.js';
import type { EconomicsOptions } from './economics.js';
import { parseWindow } from './economics-window.js';

type Reply = Awaited<
  ReturnType<
    ReturnType<typeof createUnaryClient<(typeof EconomicsService)['method']>>['auditEconomics']
  >
>;
type Out = NodeJS.WritableStream & { isTTY?: boolean };

/** Every differing figure, one row each; empty values (a row one side lacks) shown as "-". */
export function auditTable(reply: Reply): TableSpec {
  return {
    head: ['report', 'group by', 'group', 'figure', 'service', 'audit'],
    rows: reply.differences.map((d) => [
      d.report,
      d.groupBy || '-',
      d.group || '-',
      d.figure,
      d.serviceValue || '-',
      d.auditValue || '-',
    ]),
  };
}

export function auditSummary(reply: Reply): string {
  const more = reply.truncated ? ' (more not listed)' : '';
  return `${reply.figuresChecked} figures checked, ${reply.differences.length} differences${more}\n`;
}

/**
 * `sluice economics audit`: AuditEconomics for a closed window (SPEC 4, the books must balance).
 * Returns the exit code: 1 when any figure differs, so CI fails on it.
 */
export async function economicsAudit(options: EconomicsOptions, out: Out = process.stdout) {
  const window = parseWindow(options.from, options.to);
  const call = await callOptions(options);
  const client = createUnaryClient(EconomicsService, options.address);
  try {
    const reply = await client.auditEconomics(
      { window: { start: timestampFromDate(window.start), end: timestampFromDate(window.end) } },
      call,
    );
    if (options.output !== 'table') {
      out.write(formatMessage(AuditEconomicsResponseSchema, reply, options.output));
    } else {
      if (reply.differences.length > 0) out.write(formatTable(auditTable(reply), out));
      out.write(auditSummary(reply));
    }
    return reply.differences.length > 0 ? 1 : 0;
  } finally {
    client.close();
  }
}
