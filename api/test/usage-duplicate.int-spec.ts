// router.proto: a duplicate ReportUsage is "counted once, and reported as a duplicate". Issue 12
// item 7: a replay was flagged only while its BullMQ job was retained (an hour, 10k jobs); after
// that, and on a full replay of ReportUsageStream, it said `duplicate: false` for a booked key.
import { UsageStatus } from '@sluice/proto';
import { UsageIngestQueue, usageJobId } from '../src/modules/ledger/usage-ingest.queue.js';
import { eventually } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';

const policy = { namespace: 'default', name: 'default' };

describe('ReportUsage replayed after its queue job is gone (queue path)', () => {
  const fixture = routerFixture();

  const bookedCount = async (keys: readonly string[]) =>
    Number(
      (
        await fixture.dataSource.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM usage_records WHERE tenant_id = $1 AND idempotency_key = ANY($2)`,
          [fixture.tenant, keys],
        )
      )[0]?.n,
    );
  const usage = (decisionId: string, idempotencyKey: string) => ({
    decisionId,
    idempotencyKey,
    inputTokens: 12,
    outputTokens: 3,
    status: UsageStatus.OK,
  });
  /** As BullMQ's retention does it (removeOnComplete age/count): the jobs, not the rows, go. */
  const forgetJobs = async (keys: readonly string[]) => {
    const { queue } = fixture.app.moduleRef.get(UsageIngestQueue, { strict: false });
    for (const idempotencyKey of keys)
      await (
        await queue.getJob(usageJobId({ tenantId: fixture.tenant, idempotencyKey }))
      )?.remove();
  };

  it('is a duplicate, unary and streamed, once booked and no longer in BullMQ', async () => {
    const { decision } = await fixture.app.client.route(
      { policy, prompt: { case: 'text', value: 'Summarize the call.' } },
      fixture.auth,
    );
    const decisionId = decision?.decisionId ?? '';
    const keys = [1, 2, 3].map((i) => `${decisionId}:${i}`);
    const first = await fixture.app.client.reportUsageStream(
      keys.map((key) => ({ usage: usage(decisionId, key) })),
      fixture.auth,
    );
    expect(first).toMatchObject({ acceptedCount: 3n, duplicateCount: 0n });
    expect(
      await eventually(
        () => bookedCount(keys),
        (n) => n === 3,
      ),
    ).toBe(3);
    await forgetJobs(keys);

    await expect(
      fixture.app.client.reportUsage({ usage: usage(decisionId, keys[0] ?? '') }, fixture.auth),
    ).resolves.toMatchObject({ duplicate: true });
    const replay = await fixture.app.client.reportUsageStream(
      keys.map((key) => ({ usage: usage(decisionId, key) })),
      fixture.auth,
    );
    expect(replay).toMatchObject({ acceptedCount: 0n, duplicateCount: 3n });
    expect(await bookedCount(keys)).toBe(3);
  });
});
