import { extractFacets } from './facets.js';
import { isNegation, poleOf } from './polarity.js';

describe('extractFacets', () => {
  it.each<[string, keyof ReturnType<typeof extractFacets>, string[]]>([
    ['See https://x.io/a/, then mail ann@x.io.', 'urls', ['ann@x.io', 'https://x.io/a']],
    ['Explain `useMemo` and ```\n  x = 1\n```', 'code', ['```\n  x = 1\n```', 'useMemo']],
    ["Say \"hi there\" and ‘yo’, don't say 'bye'", 'quoted', ['bye', 'hi there', 'yo']],
    [
      'On 2024-03-05, 5 March 2024, 3/5/24 at 9:30 pm or 10am, Friday, Q3, next week',
      'dates',
      ['10am', '2024-03-05', '3/5/24', '5 march 2024', '9:30 pm', 'friday', 'next week', 'q3'],
    ],
    ['May I ask about May 5?', 'dates', ['may 5']],
    [
      'Call getUser() in src/app.ts with --dry-run on user_id, os.path, H100, e.g. now',
      'identifiers',
      ['--dry-run', 'H100', 'getUser()', 'os.path', 'src/app.ts', 'user_id'],
    ],
    [
      '$1,000.50 is 15 percent of 10ms, -3, five, 1.2.3 and 2.0',
      'numbers',
      ['$1000.5', '-3', '1.2.3', '10 ms', '15 %', '2', '5'],
    ],
    ['Does Paris beat NASA? Tell me, Ann.', 'entities', ['ann', 'nasa', 'paris']],
    ['What is it? How so? I wonder.', 'entities', []],
  ])('finds in %j the %s', (text, facet, expected) => {
    expect(extractFacets(text)[facet]).toEqual(expected);
  });

  it('counts negations and the poles used on each axis', () => {
    const { polarity } = extractFacets("Don't enable it; never disable the largest one");
    expect(polarity.negations).toBe(2);
    expect([...polarity.axes]).toEqual([
      ['enable', '+-'],
      ['min', '-'],
    ]);
  });
});

describe('polarity words', () => {
  it.each([
    ['enabled', 'enable:+'],
    ['disabling', 'enable:-'],
    ['dropping', 'add:-'],
    ['closes', 'open:-'],
    ['largest', 'min:-'],
    ['address', undefined],
    ['friends', undefined],
  ])('reads %j as %j', (word, pole) => {
    expect(poleOf(word)).toBe(pole);
  });

  it.each([
    ['not', true],
    ["don't", true],
    ['can’t', true],
    ['dont', true],
    ['note', false],
    ['know', false],
  ])('reads %j as a negation: %j', (word, negation) => {
    expect(isNegation(word)).toBe(negation);
  });
});
