import type { InferenceModel } from '@sluice/crds';
import { aModel } from '../routing/engine/testing/builders.js';
import { capacityOf, priceOf } from './capacity-state.js';
import { priceProblems, withinBound } from './price-bounds.js';

describe('withinBound', () => {
  it.each<[string, string, boolean]>([
    ['0', '1000', true],
    ['1000', '1000', true],
    ['1000.000000', '1000', true],
    ['1000.000001', '1000', false],
    ['100000000000000', '1000', false],
    ['-1', '1000', false],
    ['1e14', '1000', false],
    ['0.0000001', '1000', false], // more decimals than the ledger keeps
    ['', '1000', false],
  ])('%s within %s: %s', (value, bound, expected) => {
    expect(withinBound(value, bound)).toBe(expected);
  });
});

const vllm = (
  status: NonNullable<InferenceModel['status']>,
  gpuHourlyUSD = '2.50',
): InferenceModel => {
  const model = aModel('m').obj();
  model.status = status;
  if (model.spec) model.spec.pricing = { gpuHourlyUSD };
  return model;
};
const external = (pricing: Record<string, string>): InferenceModel => {
  const model = aModel('e').external('gpt').obj();
  if (model.spec) model.spec.pricing = pricing;
  return model;
};

describe('priceProblems', () => {
  it.each<[string, InferenceModel, string[]]>([
    ['sane prices', vllm({ gpuHourlyUSD: '2.50' }), []],
    ['a status price of 1e14', vllm({ gpuHourlyUSD: '100000000000000' }), ['status.gpuHourlyUSD']],
    ['a spec price of 1e14', vllm({}, '100000000000000'), ['spec.pricing.gpuHourlyUSD']],
    [
      'token prices past 10000 per 1M',
      external({ inputPer1M: '2.50', outputPer1M: '10000.01', cachedInputPer1M: '99999' }),
      ['spec.pricing.cachedInputPer1M', 'spec.pricing.outputPer1M'],
    ],
  ])('%s', (_name, model, fields) => {
    expect(priceProblems(model).map((p) => p.field)).toEqual(fields);
  });
});

describe('capacityOf and priceOf past a bound', () => {
  const absurd = vllm({ readyReplicas: 2, gpusPerReplica: 1, gpuHourlyUSD: '100000000000000' });

  it('takes the last accepted GPU price in place of one past its bound', () => {
    expect(capacityOf(absurd, '3.00')).toEqual({
      readyReplicas: 2,
      gpusPerReplica: 1,
      gpuHourlyUSD: '3.00',
      tier: 'small',
      maxConcurrency: 256,
    });
  });

  it('records no capacity when no price was ever accepted', () => {
    expect(capacityOf(absurd)).toBeUndefined();
  });

  it('records no declared price past its bound', () => {
    expect(priceOf(vllm({}, '100000000000000'))).toBeUndefined();
    expect(priceOf(external({ inputPer1M: '2.50', outputPer1M: '20000' }))).toBeUndefined();
  });
});
