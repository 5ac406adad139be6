import { formatFieldError, validateObject } from './index.js';

// A schema that a stored object may no longer satisfy (as after a CRD upgrade).
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer', maximum: 10 },
        model: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.size() <= 5' }] },
        names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        tiers: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, weight: { type: 'integer', minimum: 1 } },
          },
        },
        tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
      },
    },
  },
};

const update = (oldSpec: unknown, spec: unknown) =>
  validateObject({ schema, object: { spec }, oldObject: { spec: oldSpec } }).map(formatFieldError);

describe('validation ratcheting on update', () => {
  it.each<[string, unknown, unknown, string[]]>([
    ['an unchanged invalid field', { replicas: 50, model: 'a' }, { replicas: 50, model: 'b' }, []],
    [
      'a changed invalid field',
      { replicas: 50 },
      { replicas: 60 },
      [
        'spec.replicas: Invalid value: 60: spec.replicas in body should be less than or equal to 10',
      ],
    ],
    [
      'an unchanged field failing a rule',
      { model: 'toolong' },
      { model: 'toolong', replicas: 1 },
      [],
    ],
    [
      'a changed field failing a rule',
      { model: 'toolong' },
      { model: 'toolonger' },
      ['spec.model: Invalid value: "string": failed rule: self.size() <= 5'],
    ],
    [
      'list duplicates the old object already had',
      { names: ['a', 'a'] },
      { names: ['a', 'a', 'b'] },
      [],
    ],
    [
      'an unchanged map-list item, found by key after reordering',
      {
        tiers: [
          { name: 'a', weight: 0 },
          { name: 'b', weight: 1 },
        ],
      },
      {
        tiers: [
          { name: 'b', weight: 1 },
          { name: 'a', weight: 0 },
        ],
      },
      [],
    ],
    [
      'an item of a changed atomic list, which does not correlate by index',
      { tags: ['long1', 'ok'] },
      { tags: ['long1', 'ok', 'x'] },
      [
        'spec.tags[0]: Too long: may not be more than 3 bytes',
        '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      ],
    ],
  ])('%s', (_name, oldSpec, spec, expected) => {
    expect(update(oldSpec, spec)).toEqual(expected);
  });

  it('still reports everything on create', () => {
    expect(
      validateObject({ schema, object: { spec: { replicas: 50 } } }).map(formatFieldError),
    ).toEqual([
      'spec.replicas: Invalid value: 50: spec.replicas in body should be less than or equal to 10',
    ]);
  });
});
