import { scopedTags } from './scope.js';

describe('scopedTags', () => {
  it.each([
    [{}, {}, { tags: {} }],
    [{}, { team: 'a' }, { tags: { team: 'a' } }],
    [{ team: 'a' }, {}, { tags: { team: 'a' } }],
    [{ team: 'a' }, { team: 'a', product: 'x' }, { tags: { team: 'a', product: 'x' } }],
    [
      { team: 'a' },
      { team: 'b' },
      {
        violations: [
          { field: 'tags[team]', description: "is outside the API token's scope (team=a)" },
        ],
      },
    ],
    [
      { team: 'a', product: 'x' },
      { team: 'a', product: 'y', customer: 'c' },
      {
        violations: [
          { field: 'tags[product]', description: "is outside the API token's scope (product=x)" },
        ],
      },
    ],
  ])('scope %p on tags %p -> %p', (scope, tags, expected) => {
    expect(scopedTags(scope, tags)).toEqual(expected);
  });
});
