import { randomUUID } from 'node:crypto';
import { ledgerDecisionId } from '../src/modules/router/decision-ids.js';
import { LedgerSink } from '../src/modules/router/ledger-sink.js';
import { RouterMetrics } from '../src/modules/router/router-metrics.js';
import { createTenant } from './support/ledger-fixtures.js';
import { eventually } from './support/router-app.js';
import { routerFixture } from './support/router-fixture.js';
import { decisionRecord } from '../src/testing/decision-record.js';

const policy = { namespace: 'default', name: 'default' };

// Validation refuses U+0000 at the edge; this is the defence behind it: a row PostgreSQL refuses
// anyway (here slipped past validation on purpose) is set aside, and the rest of its batch and
// every later batch are recorded, instead of the same batch failing every 200 ms forever.
describe('Decision recording with a row PostgreSQL refuses', () => {
  const fixture = routerFixture();

  const recorded = (ids: readonly string[]) =>
    fixture.dataSource.query<Array<{ decision_id: string }>>(
      `SELECT decision_id FROM route_decisions WHERE decision_id = ANY($1::uuid[])`,
      [ids],
    );

  it("sets the poison row aside and records the other tenant's later decisions", async () => {
    const poisoner = await createTenant(fixture.dataSource);
    const { tenant: other, auth } = fixture;
    const poison = randomUUID();
    fixture.app.moduleRef.get(LedgerSink).recordDecision(
      decisionRecord(poisoner, {
        decisionId: poison,
        tags: { team: 'a\u0000b' },
        template: 'nul\u0000',
        createdAt: new Date(),
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { decision } = await fixture.app.client.route(
        { policy, prompt: { case: 'text', value: `Is ticket ${i} about billing?` } },
        auth,
      );
      ids.push(ledgerDecisionId(other, decision?.decisionId ?? ''));
    }
    const rows = await eventually(
      () => recorded(ids),
      (r) => r.length === ids.length,
    );
    expect(rows.map((r) => r.decision_id).sort()).toEqual([...ids].sort());
    expect(await recorded([poison])).toEqual([]);
    const setAside = await fixture.app.moduleRef.get(RouterMetrics).setAside.get();
    expect(setAside.values).toEqual([
      expect.objectContaining({ labels: { kind: 'decision' }, value: 1 }),
    ]);
  });
});
