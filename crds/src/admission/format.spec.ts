import { goFloat, goJson } from './go-format.js';
import { errorBody, formatInvalid, statusCauses } from './format.js';
import type { FieldError } from './types.js';

const tooBig: FieldError = {
  field: 'spec.autoscaling.minReplicas',
  type: 'Invalid',
  value: 5,
  message: 'must be less than or equal to maxReplicas',
};
const missing: FieldError = { field: 'spec.model', type: 'Required', message: '' };

describe('formatInvalid', () => {
  it('renders one error as apierrors.NewInvalid does', () => {
    expect(formatInvalid('InferenceModel', 'sluice.dev', 'llama', [tooBig])).toBe(
      'InferenceModel.sluice.dev "llama" is invalid: spec.autoscaling.minReplicas: Invalid value: 5: must be less than or equal to maxReplicas',
    );
  });

  it('joins several errors in brackets and drops repeats', () => {
    expect(formatInvalid('InferenceModel', 'sluice.dev', 'llama', [tooBig, missing, missing])).toBe(
      'InferenceModel.sluice.dev "llama" is invalid: [spec.autoscaling.minReplicas: Invalid value: 5: must be less than or equal to maxReplicas, spec.model: Required value]',
    );
  });

  it('omits an empty group and an empty list', () => {
    expect(formatInvalid('ConfigMap', '', 'x', [])).toBe('ConfigMap "x" is invalid');
  });
});

describe('errorBody', () => {
  it.each<[FieldError, string]>([
    [
      { field: 'a', type: 'Invalid', value: 'object', message: 'bad' },
      'Invalid value: "object": bad',
    ],
    [{ field: 'a', type: 'Invalid', value: null, message: 'bad' }, 'Invalid value: null: bad'],
    [{ field: 'a', type: 'Invalid', message: 'bad' }, 'Invalid value: bad'],
    [{ field: 'a', type: 'Forbidden', message: 'no' }, 'Forbidden: no'],
    [
      { field: 'a', type: 'Too long', value: 'xxx', message: 'may not be more than 2 bytes' },
      'Too long: may not be more than 2 bytes',
    ],
    [
      { field: 'a', type: 'Duplicate', value: { b: 'x', a: 1.5 }, message: '' },
      'Duplicate value: {"a":1.5,"b":"x"}',
    ],
  ])('%j', (error, expected) => {
    expect(errorBody(error)).toBe(expected);
  });

  it('gives Status causes with the kube cause types', () => {
    expect(statusCauses([missing])).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.model' },
    ]);
  });
});

describe('Go value formatting', () => {
  it.each<[number, string]>([
    [0.98, '0.98'],
    [100, '100'],
    [1e6, '1e+06'],
    [1.5e-5, '1.5e-05'],
    [123456, '123456'],
  ])('goFloat(%p)', (n, expected) => {
    expect(goFloat(n)).toBe(expected);
  });

  it('prints lists and maps as json.Marshal does', () => {
    expect(goJson(['a', { z: 1, a: null }])).toBe('["a",{"a":null,"z":1}]');
  });
});
