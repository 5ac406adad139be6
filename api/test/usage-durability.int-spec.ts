// SPEC 6: "An acknowledged usage report is durable: it survives the loss of any one of the API
// process, Redis and PostgreSQL." Issue 12 item 8: with PostgreSQL down, reports acknowledged into
// a Redis without persistence were lost when that Redis was killed. Here each Redis is the test's
// own redis-server (the shared one must keep its settings), PostgreSQL sits behind a TCP proxy.
import { Probes } from '@sluice/common';
import { UsageStatus } from '@sluice/proto';
import { GrpcStatus } from '../src/grpc/sluice-error.js';
import { RedisPersistenceMonitor } from '../src/queue/redis-persistence-monitor.js';
import { RedisLifecycle } from '../src/queue/redis.module.js';
import { ownRedis } from './support/own-redis.js';
import { eventually } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';

const policy = { namespace: 'default', name: 'default' };
const REPORTS = 5;

describe.each([
  { aof: false, persistence: 'volatile (appendonly no' },
  { aof: true, persistence: 'persistent (appendonly yes, appendfsync always' },
])(
  'usage acknowledged with PostgreSQL down, then Redis killed (AOF: $aof)',
  ({ aof, persistence }) => {
    const fixture = routerFixture({
      proxyDatabase: true,
      redis: () => ownRedis({ aof }),
      app: { volatileAck: false },
      timeoutMs: 30_000,
    });

    const monitor = () => fixture.app.moduleRef.get(RedisPersistenceMonitor, { strict: false });
    const bookedKeys = async () =>
      (
        await fixture.dataSource.query<Array<{ idempotency_key: string }>>(
          `SELECT idempotency_key FROM usage_records WHERE tenant_id = $1 ORDER BY 1`,
          [fixture.tenant],
        )
      ).map((r) => r.idempotency_key);
    const report = (decisionId: string) =>
      fixture.app.client.reportUsage(
        { usage: { decisionId, inputTokens: 30, outputTokens: 6, status: UsageStatus.OK } },
        fixture.auth,
      );
    const route = async (text: string) =>
      (
        await fixture.app.client.route(
          { policy, prompt: { case: 'text', value: text } },
          fixture.auth,
        )
      ).decision?.decisionId ?? '';

    it('says how the Redis persists, in /readyz?verbose and the redis dependency', async () => {
      await eventually(
        () => Promise.resolve(monitor().persistence),
        (p) => p !== undefined,
      );
      const { lines } = await fixture.app.moduleRef.get(Probes, { strict: false }).readiness();
      expect(lines).toContainEqual(
        expect.stringContaining(`[+]redis-persistence ok: ${persistence}`),
      );
      await expect(
        fixture.app.moduleRef.get(RedisLifecycle, { strict: false }).check(),
      ).resolves.toContain(`ok; ${persistence}`);
    });

    it('loses no acknowledged report', async () => {
      const decisions = await Promise.all(
        Array.from({ length: REPORTS }, (_, i) => route(`Extract the order id ${i}.`)),
      );
      // The shared token cache and decision memory hold what Route needs; PostgreSQL goes away.
      await fixture.proxy.close();
      const outcomes = await Promise.allSettled(decisions.map(report));
      const acked = decisions.filter((_, i) => outcomes[i]?.status === 'fulfilled');

      await fixture.redis.kill();
      await fixture.redis.start();
      await fixture.proxy.open();
      // A job active when Redis died comes back through BullMQ's stalled-job check (~15 s).
      const booked = await eventually(bookedKeys, (keys) => keys.length >= acked.length, 800);
      expect(booked).toEqual(expect.arrayContaining(acked));
      if (aof) expect(acked).toHaveLength(REPORTS);
      else
        // A Redis restart would have erased them: refused, the caller retries.
        for (const outcome of outcomes)
          expect(outcome).toMatchObject({
            status: 'rejected',
            reason: expect.objectContaining({ code: GrpcStatus.UNAVAILABLE }) as unknown,
          });
    }, 60_000);

    it('with PostgreSQL up, acknowledges every report; on a volatile Redis only once its row is written', async () => {
      const decisionId = await route('Classify this ticket.');
      await expect(report(decisionId)).resolves.toMatchObject({ duplicate: false });
      if (!aof) expect(await bookedKeys()).toContain(decisionId);
      await expect(report(decisionId)).resolves.toMatchObject({ duplicate: true });
    });
  },
);
