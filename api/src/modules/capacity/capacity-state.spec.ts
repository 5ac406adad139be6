import type { InferenceModel } from '@sluice/crds';
import { aModel } from '../routing/engine/testing/builders.js';
import { capacityOf, createdAtOf, fingerprint, priceOf } from './capacity-state.js';

const vllm = (status: InferenceModel['status'], gpuHourlyUSD?: string): InferenceModel => {
  const model = aModel('m').obj();
  if (status === undefined) delete model.status;
  else model.status = status;
  if (gpuHourlyUSD !== undefined && model.spec) model.spec.pricing = { gpuHourlyUSD };
  return model;
};

/** aModel's tier, and the CRD's default batch size when the spec leaves it unset. */
const SPEC_FACTS = { tier: 'small', maxConcurrency: 256 } as const;

describe('capacityOf', () => {
  it.each<[string, InferenceModel, ReturnType<typeof capacityOf>]>([
    [
      'status as published',
      vllm({ readyReplicas: 2, gpusPerReplica: 4, gpuHourlyUSD: '2.50' }, '3.00'),
      { readyReplicas: 2, gpusPerReplica: 4, gpuHourlyUSD: '2.50', ...SPEC_FACTS },
    ],
    [
      'nothing published yet: nothing runs',
      vllm(undefined, '3.00'),
      { readyReplicas: 0, gpusPerReplica: 0, gpuHourlyUSD: '3.00', ...SPEC_FACTS },
    ],
    [
      'tier and batch size from the spec',
      (() => {
        const model = vllm({ readyReplicas: 1, gpusPerReplica: 1, gpuHourlyUSD: '1' });
        if (model.spec?.vllm) model.spec.vllm.batching = { maxNumSeqs: 32 };
        if (model.spec) model.spec.tier = 'medium';
        return model;
      })(),
      {
        readyReplicas: 1,
        gpusPerReplica: 1,
        gpuHourlyUSD: '1',
        tier: 'medium',
        maxConcurrency: 32,
      },
    ],
    ['external models hold no capacity', aModel('e').external('gpt').obj(), undefined],
  ])('%s', (_name, model, expected) => {
    expect(capacityOf(model)).toEqual(expected);
  });
});

describe('priceOf', () => {
  const external = (pricing: Record<string, string>): InferenceModel => {
    const model = aModel('e').external('gpt').obj();
    if (model.spec) model.spec.pricing = pricing;
    return model;
  };
  it.each<[string, InferenceModel, ReturnType<typeof priceOf>]>([
    ['vllm', vllm(undefined, '1.20'), { provider: 'vllm', gpuHourlyUSD: '1.20' }],
    ['vllm without a price', vllm(undefined), undefined],
    [
      'external',
      external({ inputPer1M: '2.50', outputPer1M: '10.00' }),
      { provider: 'external', inputPer1M: '2.50', outputPer1M: '10.00' },
    ],
    [
      'external with cached input',
      external({ inputPer1M: '2.50', outputPer1M: '10', cachedInputPer1M: '1.25' }),
      { provider: 'external', inputPer1M: '2.50', outputPer1M: '10', cachedInputPer1M: '1.25' },
    ],
    ['external without output price', external({ inputPer1M: '2.50' }), undefined],
  ])('%s', (_name, model, expected) => {
    expect(priceOf(model)).toEqual(expected);
  });
});

describe('fingerprint', () => {
  it('ignores key order and tells values apart', () => {
    const a = { readyReplicas: 1, gpusPerReplica: 2, gpuHourlyUSD: '1', ...SPEC_FACTS };
    const b = { ...SPEC_FACTS, gpuHourlyUSD: '1', gpusPerReplica: 2, readyReplicas: 1 };
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, readyReplicas: 2 }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, tier: 'large' }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, maxConcurrency: 8 }));
  });
});

describe('createdAtOf', () => {
  const created = (stamp: unknown): InferenceModel => {
    const model = aModel('m').obj();
    model.metadata = { ...model.metadata, creationTimestamp: stamp as string };
    return model;
  };
  it.each<[string, unknown, Date | undefined]>([
    ['RFC 3339 from the API server', '2026-11-02T10:00:00Z', new Date('2026-11-02T10:00:00Z')],
    ['a Date from a deserialising client', new Date(1_000), new Date(1_000)],
    ['absent', undefined, undefined],
    ['unreadable', 'yesterday', undefined],
  ])('%s', (_name, stamp, expected) => {
    expect(createdAtOf(created(stamp))).toEqual(expected);
  });
});
