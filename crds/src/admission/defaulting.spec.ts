import { defaultObject } from './index.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer', default: 1 },
        autoscaling: {
          type: 'object',
          properties: {
            minReplicas: { type: 'integer', default: 1 },
            enabled: { type: 'boolean', default: false },
          },
        },
        vllm: {
          type: 'object',
          default: {},
          properties: {
            gpu: {
              type: 'object',
              default: { count: 1 },
              properties: {
                count: { type: 'integer' },
                type: { type: 'string', default: 'nvidia' },
              },
            },
          },
        },
        tiers: {
          type: 'array',
          items: { type: 'object', properties: { weight: { type: 'integer', default: 10 } } },
        },
        limits: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { max: { type: 'integer', default: 5 } },
          },
        },
        nulls: {
          type: 'object',
          properties: {
            note: { type: 'string' },
            nullableWithDefault: { type: 'string', nullable: true, default: 'x' },
            notNullableWithDefault: { type: 'string', default: 'y' },
          },
        },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

describe('defaultObject', () => {
  it.each<[string, unknown, unknown]>([
    [
      'fills absent fields of a present object',
      { spec: {} },
      { spec: { replicas: 1, vllm: { gpu: { count: 1, type: 'nvidia' } } } },
    ],
    [
      'does not override present values',
      { spec: { replicas: 3, vllm: { gpu: { count: 2, type: 'amd' } } } },
      { spec: { replicas: 3, vllm: { gpu: { count: 2, type: 'amd' } } } },
    ],
    [
      'does not create an absent parent without a default',
      { spec: { replicas: 2 } },
      { spec: { replicas: 2, vllm: { gpu: { count: 1, type: 'nvidia' } } } },
    ],
    [
      'defaults nested fields of a present parent',
      { spec: { autoscaling: {} } },
      {
        spec: {
          replicas: 1,
          autoscaling: { minReplicas: 1, enabled: false },
          vllm: { gpu: { count: 1, type: 'nvidia' } },
        },
      },
    ],
    [
      'defaults list items',
      { spec: { tiers: [{}, { weight: 2 }] } },
      {
        spec: {
          replicas: 1,
          tiers: [{ weight: 10 }, { weight: 2 }],
          vllm: { gpu: { count: 1, type: 'nvidia' } },
        },
      },
    ],
    [
      'defaults map values',
      { spec: { limits: { a: {} } } },
      {
        spec: {
          replicas: 1,
          limits: { a: { max: 5 } },
          vllm: { gpu: { count: 1, type: 'nvidia' } },
        },
      },
    ],
    [
      'replaces a non-nullable null by its default and drops one without',
      { spec: { nulls: { note: null, notNullableWithDefault: null } } },
      {
        spec: {
          replicas: 1,
          nulls: { notNullableWithDefault: 'y', nullableWithDefault: 'x' },
          vllm: { gpu: { count: 1, type: 'nvidia' } },
        },
      },
    ],
    [
      'keeps a nullable null',
      { spec: { nulls: { nullableWithDefault: null } } },
      {
        spec: {
          replicas: 1,
          nulls: { nullableWithDefault: null, notNullableWithDefault: 'y' },
          vllm: { gpu: { count: 1, type: 'nvidia' } },
        },
      },
    ],
    [
      'leaves preserve-unknown-fields content alone',
      { spec: { raw: { x: { y: null } } } },
      {
        spec: { replicas: 1, raw: { x: { y: null } }, vllm: { gpu: { count: 1, type: 'nvidia' } } },
      },
    ],
  ])('%s', (_name, object, expected) => {
    expect(defaultObject(schema, object)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const input = { spec: {} };
    defaultObject(schema, input);
    expect(input).toEqual({ spec: {} });
  });
});
