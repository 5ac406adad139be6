import type { V1Deployment, V1Job } from '@kubernetes/client-node';
import { observeDeployment, observeJob } from './observed.js';

const start = new Date('2026-11-27T10:00:00Z');
const end = new Date('2026-11-27T11:00:00Z');

describe('observeJob', () => {
  it.each<[string, V1Job['status'], string]>([
    ['no status', undefined, 'Pending'],
    ['active pod', { active: 1, startTime: start }, 'Running'],
    [
      'complete',
      { conditions: [{ type: 'Complete', status: 'True' }], startTime: start, completionTime: end },
      'Succeeded',
    ],
    ['failed', { conditions: [{ type: 'Failed', status: 'True' }], startTime: start }, 'Failed'],
    [
      'failed condition not true',
      { conditions: [{ type: 'Failed', status: 'False' }], active: 1 },
      'Running',
    ],
  ])('%s -> %s', (_name, status, phase) => {
    const job: V1Job = { metadata: { name: 'j' }, ...(status ? { status } : {}) };
    expect(observeJob(job).phase).toBe(phase);
  });

  it('reports times as RFC 3339 strings', () => {
    const job: V1Job = {
      metadata: { name: 'j' },
      status: { startTime: start, completionTime: end },
    };
    expect(observeJob(job)).toMatchObject({
      startTime: '2026-11-27T10:00:00.000Z',
      completionTime: '2026-11-27T11:00:00.000Z',
    });
  });
});

describe('observeDeployment', () => {
  it.each<[string, V1Deployment['status'], object]>([
    ['no status', undefined, { replicas: 0, readyReplicas: 0, progressDeadlineExceeded: false }],
    [
      'ready',
      { replicas: 2, readyReplicas: 1 },
      { replicas: 2, readyReplicas: 1, progressDeadlineExceeded: false },
    ],
    [
      'stuck',
      {
        replicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
      { replicas: 1, readyReplicas: 0, progressDeadlineExceeded: true },
    ],
  ])('%s', (_name, status, observed) => {
    expect(observeDeployment({ ...(status ? { status } : {}) })).toEqual(observed);
  });
});
