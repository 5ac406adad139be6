import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { AuditDifference, EconomicsService } from '@sluice/proto';
import type { UnaryClient } from '../../src/grpc/grpc-client.js';

type Client = UnaryClient<(typeof EconomicsService)['method']>;

/** One line per difference: where, which figure, both values. */
export const describeDifferences = (differences: readonly AuditDifference[]): string =>
  differences
    .map(
      (d) =>
        `${d.report} [${d.groupBy}] ${d.group} ${d.figure}: service ${d.serviceValue || '-'}, audit ${d.auditValue || '-'}`,
    )
    .join('\n');

/**
 * SPEC 4 "the books must balance": AuditEconomics over `window` (closed) as a platform admin
 * (`adminToken`) must find no difference; fails listing every difference it found.
 */
export async function expectBooksBalance(
  client: Client,
  adminToken: string,
  window: { start: Date; end: Date },
): Promise<bigint> {
  const reply = await client.auditEconomics(
    { window: { start: timestampFromDate(window.start), end: timestampFromDate(window.end) } },
    { timeoutMs: 60_000, metadata: { authorization: `Bearer ${adminToken}` } },
  );
  if (reply.differences.length > 0) {
    const more = reply.truncated ? '\n(more differences left out)' : '';
    throw new Error(
      `the books do not balance: ${reply.differences.length} of ${reply.figuresChecked} figures differ\n${describeDifferences(reply.differences)}${more}`,
    );
  }
  return reply.figuresChecked;
}
