import type { V1Deployment, V1Job } from '@kubernetes/client-node';
import { completeStatus, readyStatus, startingStatus } from './local-kubelet.js';

const deployment = (
  replicas: number | undefined,
  generation: number,
  status?: object,
): V1Deployment => ({
  metadata: { name: 'm', generation },
  spec: { ...(replicas === undefined ? {} : { replicas }), selector: {}, template: {} },
  ...(status ? { status } : {}),
});

describe('readyStatus (local kubelet)', () => {
  it.each([
    ['a new Deployment', deployment(2, 1), 2],
    ['one without replicas (defaults to 1)', deployment(undefined, 1), 1],
    ['a scaled one', deployment(3, 2, { observedGeneration: 1, readyReplicas: 2 }), 3],
    ['a new generation', deployment(2, 3, { observedGeneration: 2, readyReplicas: 2 }), 2],
  ])('reports every replica of %s ready', (_, input, replicas) => {
    expect(readyStatus(input)).toEqual({
      observedGeneration: input.metadata?.generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    });
  });

  it('writes nothing once the status already says so', () => {
    expect(
      readyStatus(deployment(2, 1, { observedGeneration: 1, readyReplicas: 2 })),
    ).toBeUndefined();
  });
});

describe('startingStatus (local kubelet)', () => {
  it('reports a Deployment woken from zero as wanting a replica that is not ready yet', () => {
    const woken = deployment(1, 4, { observedGeneration: 3, replicas: 0, readyReplicas: 0 });
    expect(startingStatus(woken)).toEqual({
      observedGeneration: 4,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 0,
      availableReplicas: 0,
    });
  });

  it('keeps the replicas already ready while more start', () => {
    const scaled = deployment(3, 2, { observedGeneration: 1, replicas: 1, readyReplicas: 1 });
    expect(startingStatus(scaled)).toMatchObject({ replicas: 3, readyReplicas: 1 });
  });

  it('writes nothing once the status already says so', () => {
    const said = deployment(1, 4, { observedGeneration: 4, replicas: 1, readyReplicas: 0 });
    expect(startingStatus(said)).toBeUndefined();
  });
});

describe('completeStatus (local kubelet)', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('completes a new download Job, as the Job controller reports a succeeded pod', () => {
    const status = completeStatus({ metadata: { name: 'm-cache-1' } }, now);
    expect(status).toMatchObject({ succeeded: 1, startTime: now, completionTime: now });
    expect(status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'Complete', status: 'True' }),
    );
  });

  it('writes nothing once the Job is complete', () => {
    const done = { status: { conditions: [{ type: 'Complete', status: 'True' }] } } as V1Job;
    expect(completeStatus(done, now)).toBeUndefined();
  });
});
