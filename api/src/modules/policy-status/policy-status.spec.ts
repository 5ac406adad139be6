import type { RoutingPolicy } from '@sluice/crds';
import { aModel, aPolicy, snapshotOf } from '../routing/engine/testing/builders.js';
import { buildSnapshot, decide, isRouteError } from '../routing/engine/index.js';
import { fakeRouterModel } from '../routing/engine/testing/fake-router-model.js';
import { planPolicyStatus } from './policy-status.js';

const now = new Date('2026-11-28T02:00:00Z');
const earlier = '2026-11-28T01:00:00Z';
const policy = aPolicy('chat')
  .tier('small', 'small-a')
  .tier('frontier', 'big')
  .defaultRoute('small');
const ready = [aModel('small-a').ready(), aModel('big').tier('frontier').ready()];

type Status = NonNullable<RoutingPolicy['status']>;
const conditionsOf = (status: Status) =>
  Object.fromEntries((status.conditions ?? []).map((c) => [c.type, [c.status, c.reason]]));

describe('planPolicyStatus conditions', () => {
  it.each([
    {
      name: 'valid, every ref resolved, every tier ready',
      models: ready,
      expected: {
        Ready: ['True', 'Valid'],
        ResolvedRefs: ['True', 'ResolvedRefs'],
        Degraded: ['False', 'AllTiersReady'],
      },
    },
    {
      name: 'a missing model: Route goes on with the rest (Ready), refs unresolved, its tier degraded',
      models: [aModel('small-a').ready()],
      expected: {
        Ready: ['True', 'Valid'],
        ResolvedRefs: ['False', 'UnknownModel'],
        Degraded: ['True', 'NoReadyModel'],
      },
    },
    {
      name: 'a missing model in a tier that has another: Ready, degraded by the missing ref',
      models: [aModel('small-a').ready(), aModel('big').tier('frontier').ready()],
      policy: aPolicy('chat')
        .tier('small', 'small-a', 'ghost')
        .tier('frontier', 'big')
        .defaultRoute('small'),
      expected: {
        Ready: ['True', 'Valid'],
        ResolvedRefs: ['False', 'UnknownModel'],
        Degraded: ['True', 'UnresolvedRefs'],
      },
    },
    {
      name: 'no model it names exists: not Ready, as Route refuses it',
      models: [],
      expected: {
        Ready: ['False', 'NoResolvedModel'],
        ResolvedRefs: ['False', 'UnknownModel'],
        Degraded: ['True', 'NoReadyModel'],
      },
    },
    {
      name: 'an invalid rule: not Ready with its reason',
      models: ready,
      policy: aPolicy('chat')
        .tier('small', 'small-a')
        .tier('frontier', 'big')
        .rule('r', { regex: '(' }, { tier: 'small' })
        .defaultRoute('small'),
      expected: {
        Ready: ['False', 'InvalidRegex'],
        ResolvedRefs: ['True', 'ResolvedRefs'],
        Degraded: ['False', 'AllTiersReady'],
      },
    },
    {
      name: 'models exist but none is Ready: valid, yet degraded',
      models: [aModel('small-a').ready(false), aModel('big').tier('frontier').ready(false)],
      expected: {
        Ready: ['True', 'Valid'],
        ResolvedRefs: ['True', 'ResolvedRefs'],
        Degraded: ['True', 'NoReadyModel'],
      },
    },
  ])('$name', ({ models, expected, ...c }) => {
    const planned = c.policy ?? policy;
    const snapshot = snapshotOf(planned, models);
    const status = planPolicyStatus({
      policy: planned.generation(3).obj(),
      snapshot,
      counts: undefined,
      windowSeconds: 3600,
      now,
    });
    expect(status.observedGeneration).toBe(3);
    expect(conditionsOf(status)).toEqual(expected);
    expect(status.conditions?.every((c) => c.observedGeneration === 3)).toBe(true);
  });

  it('names the field of each problem in the message', () => {
    const status = planPolicyStatus({
      policy: policy.obj(),
      snapshot: snapshotOf(policy, [aModel('small-a').ready()]),
      counts: undefined,
      windowSeconds: 3600,
      now,
    });
    const refs = status.conditions?.find((c) => c.type === 'ResolvedRefs');
    expect(refs?.message).toBe(
      'spec.tiers[1].targets[0].model: InferenceModel big does not exist in namespace default',
    );
  });

  it("says in Ready's message what Route answers", () => {
    const planned = aPolicy('chat').tier('small', 'ghost').defaultRoute('small');
    const snapshot = snapshotOf(planned, []);
    const status = planPolicyStatus({
      policy: planned.obj(),
      snapshot,
      counts: undefined,
      windowSeconds: 3600,
      now,
    });
    const message = status.conditions?.find((c) => c.type === 'Ready')?.message ?? '';
    expect(message).toBe(
      'Route refuses it: spec.tiers[0].targets[0].model: InferenceModel ghost does not exist in namespace default',
    );
    const routed = decide({ prompt: 'hi' }, snapshot, { random: () => 0, now: () => now });
    expect(routed).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(
      isRouteError(routed) && routed.message.endsWith(message.replace('Route refuses it: ', '')),
    ).toBe(true);
  });

  describe('with its own router model (spec.classifier.model)', () => {
    const learned = aPolicy('chat')
      .tier('small', 'small-a')
      .tier('frontier', 'big')
      .learned(['small', 50], ['frontier', 0])
      .routerModelFrom('mine')
      .defaultRoute('small');
    const broken = {
      field: 'spec.classifier.model.configMapRef',
      reason: 'RouterModelInvalid',
      message: 'ConfigMap default/mine key router-model.bin is not a router model artifact: x',
    };
    const planWith = (model: ReturnType<typeof fakeRouterModel> | undefined, problem: object) => {
      const sources = { policy: learned.obj(), models: ready.map((m) => m.obj()), profiles: [] };
      const snapshot = buildSnapshot({ ...sources, model, modelProblem: problem as typeof broken });
      if (snapshot === undefined) throw new Error('no snapshot');
      const status = planPolicyStatus({
        policy: learned.obj(),
        snapshot,
        counts: undefined,
        windowSeconds: 3600,
        now,
      });
      return Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c]));
    };

    it('is not Ready while no model of its own ever loaded, naming the field', () => {
      const conditions = planWith(undefined, broken);
      expect(conditions['Ready']).toMatchObject({
        status: 'False',
        reason: 'RouterModelInvalid',
        message: `Route refuses it: spec.classifier.model.configMapRef: ${broken.message}`,
      });
      expect(conditions['ResolvedRefs']).toMatchObject({ status: 'False' });
    });

    it('stays Ready on the last good model, Degraded saying so', () => {
      const stale = {
        ...broken,
        reason: 'RouterModelStale',
        message: `${broken.message}; Route keeps the last good model, router-model-1a570001`,
      };
      const conditions = planWith(fakeRouterModel(), stale);
      expect(conditions['Ready']).toMatchObject({ status: 'True' });
      expect(conditions['ResolvedRefs']).toMatchObject({
        status: 'False',
        reason: 'RouterModelStale',
      });
      expect(conditions['Degraded']).toMatchObject({
        status: 'True',
        reason: 'RouterModelStale',
        message: `spec.classifier.model.configMapRef: ${stale.message}`,
      });
    });
  });

  it.each([
    { statusBefore: 'True', transition: earlier },
    { statusBefore: 'False', transition: '2026-11-28T02:00:00Z' },
  ] as const)('Ready was $statusBefore: lastTransitionTime $transition', (c) => {
    const observed = policy.obj();
    observed.status = {
      conditions: [
        {
          type: 'Ready',
          status: c.statusBefore,
          reason: 'X',
          message: '',
          lastTransitionTime: earlier,
        },
      ],
    };
    const status = planPolicyStatus({
      policy: observed,
      snapshot: snapshotOf(policy, ready),
      counts: undefined,
      windowSeconds: 3600,
      now,
    });
    expect(status.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime).toBe(
      c.transition,
    );
  });

  it('keeps the observed distribution when the decisions could not be read', () => {
    const observed = policy.obj();
    const distribution = { windowSeconds: 3600, cacheHits: 1, tiers: [], updatedAt: earlier };
    observed.status = { distribution };
    const status = planPolicyStatus({
      policy: observed,
      snapshot: snapshotOf(policy, ready),
      counts: undefined,
      windowSeconds: 3600,
      now,
    });
    expect(status.distribution).toEqual(distribution);
  });

  it('is its own fixed point: planning again from the planned status changes nothing', () => {
    const counts = { tiers: new Map([['small', 4]]), cacheHits: 1 };
    const input = { snapshot: snapshotOf(policy, ready), counts, windowSeconds: 3600 };
    const first = planPolicyStatus({ ...input, policy: policy.obj(), now });
    const observed = { ...policy.obj(), status: first };
    const later = new Date('2026-11-28T02:05:00Z');
    expect(planPolicyStatus({ ...input, policy: observed, now: later })).toEqual(first);
  });
});
