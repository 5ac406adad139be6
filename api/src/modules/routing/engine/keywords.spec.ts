import {
  allKeywords,
  allKeywordsIn,
  compileKeywords,
  firstKeyword,
  firstKeywordIn,
} from './keywords.js';

describe('keyword matching', () => {
  const matcher = compileKeywords(['step by step', 'Prove', 'why', 'C++', 'trade-off', '  ']);

  it.each([
    ['Explain it Step By Step please', 'step by step'],
    ['step\n by   step', 'step by step'],
    ['PROVE that it halts', 'Prove'],
    ['prove.', 'Prove'],
    ['Why?', 'why'],
    ['is C++ faster', 'C++'],
    ['the trade-off is', 'trade-off'],
    ['provide the invoice number', undefined],
    ['improve it', undefined],
    ['stepwise', undefined],
    ['whyte is a name', undefined],
    ['tradeoff', undefined],
    ['', undefined],
  ])('finds the first phrase in %j: %j', (text, expected) => {
    expect(firstKeyword(matcher, text)).toBe(expected);
  });

  it('lists every distinct phrase in order of first occurrence', () => {
    expect(allKeywords(matcher, 'Why? prove why, then go step by step and prove')).toEqual([
      'why',
      'Prove',
      'step by step',
    ]);
  });

  it('matches whole words in other scripts too', () => {
    const german = compileKeywords(['prüfe']);
    expect(firstKeyword(german, 'bitte prüfe das')).toBe('prüfe');
    expect(firstKeyword(german, 'überprüfen')).toBeUndefined();
  });

  it.each([[[]], [['', '   ']], [undefined]])('never matches with an empty list %j', (list) => {
    const empty = compileKeywords(list);
    expect(firstKeyword(empty, 'anything')).toBeUndefined();
    expect(allKeywords(empty, 'anything')).toEqual([]);
  });

  it('is reusable: a global pattern keeps no state between calls', () => {
    expect(firstKeyword(matcher, 'why')).toBe('why');
    expect(firstKeyword(matcher, 'why')).toBe('why');
  });

  it.each<[string[], string | undefined]>([
    [['', 'Step By Step'], 'step by step'],
    [['why', 'prove'], 'why'],
    [['improve', 'stepwise'], undefined],
    [['step', 'by step'], undefined],
    [[], undefined],
  ])('finds the first phrase in any of %j, each scanned alone: %j', (texts, expected) => {
    expect(firstKeywordIn(matcher, texts)).toBe(expected);
  });

  it('lists every distinct phrase of several texts once, in order', () => {
    expect(allKeywordsIn(matcher, ['prove it', 'why', 'PROVE', 'trade-off'])).toEqual([
      'Prove',
      'why',
      'trade-off',
    ]);
  });
});
