import { coalesceValues, validateValues, type Values } from './values.js';

describe('coalesceValues (Helm semantics)', () => {
  it.each<[string, Values, Values, Values]>([
    ['keeps base keys', { a: 1, b: 2 }, { b: 3 }, { a: 1, b: 3 }],
    ['merges nested maps', { m: { x: 1, y: 2 } }, { m: { y: 3 } }, { m: { x: 1, y: 3 } }],
    ['replaces lists whole', { l: [1, 2] }, { l: [3] }, { l: [3] }],
    ['deletes a key set to null', { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ['adds new keys', {}, { n: { deep: true } }, { n: { deep: true } }],
    ['replaces a map by a scalar', { m: { x: 1 } }, { m: 'off' }, { m: 'off' }],
  ])('%s', (_, base, override, expected) => {
    expect(coalesceValues(base, override)).toEqual(expected);
  });

  it('leaves its inputs unchanged', () => {
    const base = { m: { x: 1 } };
    coalesceValues(base, { m: { x: 2 } });
    expect(base).toEqual({ m: { x: 1 } });
  });
});

describe('validateValues', () => {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: false,
    required: ['api'],
    properties: {
      api: {
        type: 'object',
        additionalProperties: false,
        required: ['replicas'],
        properties: { replicas: { type: 'integer', minimum: 0 } },
      },
    },
  };

  it.each<[string, Values, string[]]>([
    ['accepts valid values', { api: { replicas: 2 } }, []],
    ['names a wrong type', { api: { replicas: 'two' } }, ['api.replicas: must be integer']],
    ['names a range error', { api: { replicas: -1 } }, ['api.replicas: must be >= 0']],
    [
      'names an unknown key',
      { api: { replicas: 1, replica: 2 } },
      ['api.replica: must NOT have additional properties'],
    ],
    ['names a missing key', { api: {} }, ["api.replicas: must have required property 'replicas'"]],
    ['names a missing top-level key', {}, ["api: must have required property 'api'"]],
  ])('%s', (_, values, expected) => {
    expect(validateValues(schema, values)).toEqual(expected);
  });
});
