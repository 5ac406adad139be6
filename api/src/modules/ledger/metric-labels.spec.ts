import {
  BoundedLabelValues,
  modelLabel,
  OTHER_LABEL,
  tagLabels,
  type KnownModels,
} from './metric-labels.js';

const known: KnownModels = (m) => m.namespace === 'default' && m.name === 'gpt-4o';

describe('modelLabel', () => {
  it.each([
    [{ namespace: 'default', name: 'gpt-4o' }, 'default/gpt-4o'],
    [{ namespace: 'default', name: 'm'.repeat(253) }, OTHER_LABEL],
    [{ namespace: 'other-ns', name: 'gpt-4o' }, OTHER_LABEL],
  ])('%p -> %p', (model, label) => {
    expect(modelLabel(model, known)).toBe(label);
  });
});

describe('BoundedLabelValues', () => {
  it('keeps the first values, counts the rest as other, and always keeps empty', () => {
    const values = new BoundedLabelValues(2);
    expect(['a', 'b', 'c', 'a', '', 'd', 'b'].map((v) => values.of(v))).toEqual([
      'a',
      'b',
      OTHER_LABEL,
      'a',
      '',
      OTHER_LABEL,
      'b',
    ]);
  });
});

describe('tagLabels', () => {
  it.each([
    ['no keys chosen: no tenant data', [], { team: 'search' }, {}],
    ['a chosen key', ['team'], { team: 'search', customer: 'x' }, { tag_team: 'search' }],
    [
      'a chosen key the usage lacks',
      ['team', 'product'],
      { team: 'a' },
      { tag_team: 'a', tag_product: '' },
    ],
  ])('%s', (_label, keys, tags, expected) => {
    const bounded = new Map(keys.map((k) => [k, new BoundedLabelValues(10)]));
    expect(tagLabels(tags, bounded)).toEqual(expected);
  });
});
