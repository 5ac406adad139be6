import type { UsageCell } from './economics.types.js';
import {
  dimensionError,
  dimensionValue,
  matchesFilters,
  matchesTagFilters,
  parseFilters,
  validateGroupBy,
} from './dimensions.js';

const cell = {
  model: 'ml/llama',
  tier: 'small',
  template: '',
  policy: 'ml/default',
  tags: { team: 'a' },
} as unknown as UsageCell;
const ctx = { providerOf: () => 'vllm' as const };

describe('dimensions', () => {
  it.each([
    ['model', undefined],
    ['tag:team', undefined],
    ['tag:use_case', undefined],
    ['tag:Team', 'tag key must match ^[a-z][a-z0-9_]{0,62}$'],
    ['tag:', 'tag key must match ^[a-z][a-z0-9_]{0,62}$'],
    ['team', 'unknown dimension "team"; use model, tier, provider, policy, template or tag:<key>'],
  ])('%s -> %s', (dimension, error) => {
    expect(dimensionError(dimension)).toBe(error);
  });

  it.each([
    ['model', 'ml/llama'],
    ['tier', 'small'],
    ['provider', 'vllm'],
    ['policy', 'ml/default'],
    ['template', ''],
    ['tag:team', 'a'],
    ['tag:product', ''],
  ])('value of %s is "%s"', (dimension, value) => {
    expect(dimensionValue(cell, dimension, ctx)).toBe(value);
  });

  it.each([
    [[['tier', ['small']]], true],
    [
      [
        ['tier', ['small']],
        ['tag:team', ['b']],
      ],
      false,
    ],
    [
      [
        ['tag:team', ['a', 'b']],
        ['template', ['']],
      ],
      true,
    ],
    [[['tag:product', ['x']]], false],
  ] as Array<[Array<[string, string[]]>, boolean]>)(
    'filters %j keep the cell: %s',
    (filters, kept) => {
      const parsed = parseFilters(filters.map(([dimension, values]) => ({ dimension, values })));
      expect(matchesFilters(cell, parsed, ctx)).toBe(kept);
    },
  );

  it.each([
    [
      { team: 'a' },
      [
        ['tag:team', ['a']],
        ['tier', ['frontier']],
      ],
      true,
    ], // only tags apply
    [{ team: 'a' }, [['tag:team', ['b']]], false],
    [{}, [['tag:team', ['']]], true],
  ] as Array<[Record<string, string>, Array<[string, string[]]>, boolean]>)(
    'outcome tags %j with %j: %s',
    (tags, filters, kept) => {
      const parsed = parseFilters(filters.map(([dimension, values]) => ({ dimension, values })));
      expect(matchesTagFilters(tags, parsed)).toBe(kept);
    },
  );

  it.each([
    [['model', 'model'], 'group_by[1]'],
    [['x'], 'group_by[0]'],
    [
      ['model', 'tier', 'provider', 'policy', 'template', 'tag:a', 'tag:b', 'tag:c', 'tag:d'],
      'group_by',
    ],
  ])('group_by %j is rejected naming %s', (groupBy, field) => {
    let error: unknown;
    try {
      validateGroupBy(groupBy);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ violations: [{ field }] });
  });

  it('rejects a filter without values, naming it', () => {
    let error: unknown;
    try {
      parseFilters([{ dimension: 'tier', values: [] }]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ violations: [{ field: 'filters[0].values' }] });
  });
});
