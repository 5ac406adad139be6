import { conflict, invalid } from './errors.js';
import type { ResourceType } from './types.js';

const t: ResourceType = {
  group: 'sluice.dev',
  version: 'v1alpha1',
  plural: 'inferencemodels',
  singular: 'inferencemodel',
  kind: 'InferenceModel',
  listKind: 'InferenceModelList',
  namespaced: true,
  hasStatus: true,
  shortNames: [],
  categories: [],
  printerColumns: [],
};

describe('Status errors', () => {
  it('formats Conflict like kube-apiserver', () => {
    expect(conflict(t, 'x').toStatus()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on inferencemodels.sluice.dev "x": the object has been ' +
        'modified; please apply your changes to the latest version and try again',
    });
  });

  it('formats one Invalid error with its value', () => {
    const err = invalid(t, 'x', [
      { field: 'spec.autoscaling.minReplicas', type: 'Invalid', value: 5, message: 'must be <= 4' },
    ]);
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'InferenceModel.sluice.dev "x" is invalid: spec.autoscaling.minReplicas: Invalid value: 5: must be <= 4',
    );
    expect(err.toStatus()['details']).toEqual({
      name: 'x',
      group: 'sluice.dev',
      kind: 'InferenceModel',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 5: must be <= 4',
          field: 'spec.autoscaling.minReplicas',
        },
      ],
    });
  });

  it('joins several errors in brackets', () => {
    const err = invalid(t, 'x', [
      { field: 'spec.a', type: 'Required', message: '' },
      { field: 'spec.b', type: 'Unsupported value', value: 'z', message: 'supported values: "y"' },
    ]);
    expect(err.message).toBe(
      'InferenceModel.sluice.dev "x" is invalid: [spec.a: Required value, ' +
        'spec.b: Unsupported value: "z": supported values: "y"]',
    );
  });
});
