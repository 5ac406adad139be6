import { tagViolations } from './tag-rules.js';

describe('tagViolations', () => {
  const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']));
  it.each([
    [{}, []],
    [{ team: 'search', use_case: 'faq' }, []],
    [
      { Team: 'x' },
      [{ field: 'tags[Team]', description: 'key must match ^[a-z][a-z0-9_]{0,62}$' }],
    ],
    [{ team: '' }, [{ field: 'tags[team]', description: 'must be 1 to 256 characters' }]],
    [
      { team: 'x'.repeat(257) },
      [{ field: 'tags[team]', description: 'must be 1 to 256 characters' }],
    ],
    [many, [{ field: 'tags', description: 'must have at most 32 tags, has 33' }]],
  ])('%p -> %p', (tags, expected) => {
    expect(tagViolations(tags)).toEqual(expected);
  });
});
