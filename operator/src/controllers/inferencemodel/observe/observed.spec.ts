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

  it.each<[string, V1Job['status'], object]>([
    [
      'backoff limit',
      {
        failed: 3,
        conditions: [
          { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded' },
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      },
      {
        phase: 'Failed',
        failed: 3,
        failure: {
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      },
    ],
    [
      'deadline',
      {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'DeadlineExceeded',
            message: 'Job was active longer than specified deadline',
          },
        ],
      },
      {
        phase: 'Failed',
        failure: {
          reason: 'DeadlineExceeded',
          message: 'Job was active longer than specified deadline',
        },
      },
    ],
    [
      'Failed without a reason: FailureTarget says why',
      {
        conditions: [
          { type: 'FailureTarget', status: 'True', reason: 'PodFailurePolicy', message: 'exit 42' },
          { type: 'Failed', status: 'True' },
        ],
      },
      { phase: 'Failed', failure: { reason: 'PodFailurePolicy', message: 'exit 42' } },
    ],
    [
      'failure target only: not final yet',
      { active: 1, conditions: [{ type: 'FailureTarget', status: 'True', reason: 'X' }] },
      { phase: 'Running', active: 1 },
    ],
    [
      'success criteria met, pods still exiting',
      { active: 1, succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }] },
      { phase: 'Running', active: 1, succeeded: 1 },
    ],
    [
      'complete after a retry',
      {
        succeeded: 1,
        failed: 1,
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True' },
          { type: 'Complete', status: 'True' },
        ],
      },
      { phase: 'Succeeded', succeeded: 1, failed: 1 },
    ],
    ['zero counts are omitted', { active: 0, succeeded: 0, failed: 0 }, { phase: 'Pending' }],
  ])('%s: pod counts and the reason it failed', (_name, status, observed) => {
    expect(observeJob({ metadata: { name: 'j' }, ...(status ? { status } : {}) })).toEqual({
      name: 'j',
      ...observed,
    });
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
