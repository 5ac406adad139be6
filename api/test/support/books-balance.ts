import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EconomicsService, type AuditDifference } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { createUnaryClient, type UnaryClient } from '../../src/grpc/grpc-client.js';
import { ApiTokensRepository } from '../../src/modules/apitokens/api-tokens.repository.js';
import { startTestApi } from './test-api.js';

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

/** What a test file booked into, and how to ask it: its API's client, or its database's url. */
export type Books = { readonly dataSource: DataSource } & (
  { readonly client: Client } | { readonly url: string }
);

/**
 * The last `it` of an economics test file: SPEC 4's books balance over each of `windows` (closed,
 * read when the test runs), asked through the API as a platform admin of the file's first tenant.
 * Starts the API on the file's database unless `books` brings a client.
 */
export function itBalancesItsBooks(
  books: () => Books,
  windows: () => ReadonlyArray<{ start: Date; end: Date }>,
): void {
  it('balances its books (AuditEconomics)', async () => {
    const found = books();
    const { dataSource } = found;
    const [tenant] = await dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM tenants ORDER BY created_at, id LIMIT 1',
    );
    if (tenant === undefined) throw new Error('the file booked no tenant');
    const issued = await new ApiTokensRepository(dataSource).issue({
      tenantId: tenant.id,
      name: 'auditor',
      admin: true,
    });
    const api = 'url' in found ? await startTestApi(found.url) : undefined;
    const economics =
      'client' in found
        ? found.client
        : createUnaryClient(EconomicsService, api?.grpcAddress ?? '');
    try {
      for (const window of windows()) {
        // A window that checked nothing would balance trivially.
        expect(await expectBooksBalance(economics, issued.token, window)).toBeGreaterThan(0n);
      }
    } finally {
      if (api !== undefined) {
        economics.close();
        await api.app.close();
      }
    }
  }, 120_000);
}
