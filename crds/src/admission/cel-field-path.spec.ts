import { normalizeFieldPath } from './cel-field-path.js';

// A node with a property, a map of objects and a property whose name has a dot.
const schema = {
  type: 'object',
  properties: {
    minReplicas: { type: 'integer' },
    'a.b': { type: 'string' },
    limits: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { max: { type: 'integer' } } },
    },
  },
};

describe('normalizeFieldPath', () => {
  it.each<[string, string | undefined]>([
    ['.minReplicas', 'minReplicas'],
    ["['a.b']", 'a.b'],
    ['.limits.gpu', 'limits[gpu]'],
    [".limits['nvidia.com/gpu'].max", 'limits[nvidia.com/gpu].max'],
    ['minReplicas', undefined],
  ])('%s -> %s', (fieldPath, expected) => {
    expect(normalizeFieldPath(fieldPath, schema)).toBe(expected);
  });
});
