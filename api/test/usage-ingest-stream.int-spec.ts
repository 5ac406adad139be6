// Issue 15 goal 2: ReportUsageStream acknowledges once the rows are committed in PostgreSQL, in
// batches, so `duplicate` comes from the table's key (ON CONFLICT ... RETURNING) and not from
// what BullMQ still retains; a row PostgreSQL refuses fails alone, the rest of its batch lands.
// Here the queue counts as durable (USAGE_VOLATILE_ACK, as with an AOF Redis): before, that
// meant the stream's reports went through BullMQ, one job each, and were booked later.
import { randomUUID } from 'node:crypto';
import { UsageStatus } from '@sluice/proto';
import { isDataRejection } from '../src/modules/ledger/ledger-errors.js';
import { UsageIngestQueue } from '../src/modules/ledger/usage-ingest.queue.js';
import { DirectUsage } from '../src/modules/router/direct-usage.js';
import { usage as ledgerUsage } from './support/ledger-fixtures.js';
import { routerFixture } from './support/router-fixture.js';

const policy = { namespace: 'default', name: 'default' };
const REPORTS = 300;

describe('ReportUsageStream in batches, acknowledged once committed', () => {
  const fixture = routerFixture();

  const bookedCount = async (keys?: readonly string[]) =>
    Number(
      (
        await fixture.dataSource.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM usage_records
            WHERE tenant_id = $1 AND ($2::text[] IS NULL OR idempotency_key = ANY($2))`,
          [fixture.tenant, keys ?? null],
        )
      )[0]?.n,
    );
  const queue = () => fixture.app.moduleRef.get(UsageIngestQueue, { strict: false }).queue;
  const usage = (decisionId: string, idempotencyKey: string, inputTokens = 12) => ({
    decisionId,
    idempotencyKey,
    inputTokens,
    outputTokens: 3,
    status: UsageStatus.OK,
  });

  it('commits every row before the reply, counts in-stream and replayed duplicates from the table', async () => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Summarize the call.' } },
      fixture.auth,
    );
    const decisionId = decision?.decisionId ?? '';
    const keys = Array.from({ length: REPORTS }, (_, i) => `stream-${i}`);
    const messages = [
      ...keys.map((key) => ({ usage: usage(decisionId, key) })),
      { usage: usage(decisionId, 'bad-1', -1) },
      { usage: usage(decisionId, keys[7] ?? '') },
      { usage: usage(decisionId, 'bad-2', -2) },
    ];
    const first = await fixture.app.client.reportUsageStream(messages, fixture.auth);
    expect(first).toMatchObject({ acceptedCount: 300n, duplicateCount: 1n, rejectedCount: 2n });
    expect(first.rejections.map((r) => [r.index, r.idempotencyKey])).toEqual([
      [300n, 'bad-1'],
      [302n, 'bad-2'],
    ]);
    expect(first.rejections[0]?.violations).toContainEqual(
      expect.objectContaining({ field: 'usage.input_tokens' }),
    );
    // Acknowledged means committed: no waiting for a worker, nothing left in the queue.
    expect(await bookedCount()).toBe(REPORTS);
    const jobs = await queue().getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
    expect(Object.values(jobs).reduce((a, b) => a + b, 0)).toBe(0);

    // Whatever the queue retains (here: nothing at all), a full replay is all duplicates.
    await queue().obliterate({ force: true });
    const replay = await fixture.app.client.reportUsageStream(messages, fixture.auth);
    expect(replay).toMatchObject({
      acceptedCount: 0n,
      duplicateCount: BigInt(REPORTS + 1),
      rejectedCount: 2n,
    });
    expect(await bookedCount()).toBe(REPORTS);
  });

  it('writes the good rows of a batch and refuses only the rows PostgreSQL refuses', async () => {
    const direct = fixture.app.moduleRef.get(DirectUsage, { strict: false });
    const good = Array.from({ length: 8 }, () => ledgerUsage(fixture.tenant));
    // Past the API's checks (a report from an older producer): an int4 overflow (SQLSTATE 22003,
    // refused by the COPY) and an unknown tenant (23503, refused by the INSERT).
    const overflow = ledgerUsage(fixture.tenant, { latencyMs: 2 ** 31 });
    const stranger = ledgerUsage(randomUUID());
    const outcomes = await Promise.allSettled(
      [good.slice(0, 4), [overflow], good.slice(4), [stranger]].flat().map((r) => direct.write(r)),
    );
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(refused).toEqual([4, 9]);
    for (const i of refused) {
      const outcome = outcomes[i];
      expect(outcome?.status === 'rejected' && isDataRejection(outcome.reason)).toBe(true);
    }
    const keys = [...good, overflow, stranger].map((r) => r.idempotencyKey);
    expect(await bookedCount(keys)).toBe(good.length);
  });
});
