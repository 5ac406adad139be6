import { planFineTune } from './finetune-plan.js';
import type { ObservedJob } from '../observe/observed.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';

const base = aModel('llama').lora({}).fineTune();

function plan(b: ModelBuilder, seen?: Omit<ObservedJob, 'name'>) {
  const m = b.obj();
  const name = planFineTune(m, m.spec!.vllm!, 'm1', [])!.job.metadata!.name!;
  return planFineTune(m, m.spec!.vllm!, 'm1', seen ? [{ name, ...seen }] : [])!;
}

const backoff = {
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
};

describe('planFineTune', () => {
  it('plans nothing without spec.fineTune', () => {
    const m = aModel().obj();
    expect(planFineTune(m, m.spec!.vllm!, 'm1', [])).toBeUndefined();
  });

  it.each<[string, Omit<ObservedJob, 'name'> | undefined, [string, string, RegExp]]>([
    ['not created yet', undefined, ['Unknown', 'JobPending', /has not started\.$/]],
    [
      'created, retrying after a failed pod',
      { phase: 'Pending', failed: 1 },
      ['Unknown', 'JobPending', /has not started \(pods: 1 failed\)\.$/],
    ],
    [
      'running',
      { phase: 'Running', active: 1, startTime: '2026-11-27T10:00:00Z' },
      ['Unknown', 'JobRunning', /is running \(pods: 1 active\)\.$/],
    ],
    [
      'succeeded after a retry',
      { phase: 'Succeeded', succeeded: 1, failed: 1 },
      ['True', 'JobSucceeded', /succeeded \(pods: 1 succeeded, 1 failed\)\.$/],
    ],
    [
      'backoff limit exceeded',
      { phase: 'Failed', failed: 3, failure: backoff },
      [
        'False',
        'JobFailed',
        /failed \(BackoffLimitExceeded: Job has reached the specified backoff limit\) \(pods: 3 failed\)\. .*kubectl logs job\/m1-ft-/,
      ],
    ],
    [
      'deadline exceeded, no message',
      { phase: 'Failed', failure: { reason: 'DeadlineExceeded', message: '' } },
      ['False', 'JobFailed', /failed \(DeadlineExceeded\)\. .*change spec\.fineTune/],
    ],
    ['failed, reason unknown', { phase: 'Failed' }, ['False', 'JobFailed', /failed \(JobFailed\)/]],
  ])('%s', (_name, seen, [status, reason, message]) => {
    const p = plan(base, seen);
    expect(p.condition).toMatchObject({ type: 'FineTuneSucceeded', status, reason });
    expect(p.condition.message).toMatch(message);
    expect(p.status.phase).toBe(seen?.phase ?? 'Pending');
  });

  it('reports a failed Job as Degraded FineTuneFailed with the Job controller reason', () => {
    const p = plan(base, { phase: 'Failed', failed: 3, failure: backoff });
    expect(p.failed?.reason).toBe('FineTuneFailed');
    expect(p.failed?.message).toContain('BackoffLimitExceeded');
    expect(p.adapter).toBeUndefined();
  });

  it.each<[string, Omit<ObservedJob, 'name'>, object]>([
    ['running', { phase: 'Running', startTime: 's' }, { phase: 'Running', startTime: 's' }],
    [
      'done',
      { phase: 'Succeeded', startTime: 's', completionTime: 'c', succeeded: 1 },
      { phase: 'Succeeded', startTime: 's', completionTime: 'c', outputURI: 's3://models/out/' },
    ],
  ])('mirrors the %s Job into status.fineTune (times, output; no counts)', (_n, seen, status) => {
    const p = plan(base, seen);
    expect(p.status).toEqual({ jobName: p.job.metadata?.name, ...status });
  });

  it.each<[string, ModelBuilder, object]>([
    ['adapter', base, { adapter: { name: 'm1-ft', source: 's3://models/out/' } }],
    ['model', base.fineTune({ serveAs: 'model', outputURI: 'pvc://o/m' }), { model: 'pvc://o/m' }],
  ])('serves the result as %s once the Job succeeded', (_name, b, served) => {
    expect(plan(b, { phase: 'Succeeded' })).toMatchObject(served);
    expect(plan(b, { phase: 'Running' })).not.toMatchObject(served);
  });
});
