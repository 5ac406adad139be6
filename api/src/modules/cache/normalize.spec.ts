import { normalizeMessages, normalizePrompt } from './normalize.js';

describe('normalizePrompt', () => {
  it.each([
    ['  leading and trailing  ', 'leading and trailing'],
    ['runs \t of\n\n whitespace', 'runs of whitespace'],
    ['non\u00a0breaking space', 'non breaking space'],
    ['cafe\u0301', 'caf\u00e9'],
    ['Keep CASE and 1.50 and 007', 'Keep CASE and 1.50 and 007'],
    [
      'fix this:\r\n```py\r\nif x:\r\n    return  y\r\n```\r\nplease',
      'fix this:\n```py\nif x:\n    return  y\n```\nplease',
    ],
    ['```\n  a  b\n```', '```\n  a  b\n```'],
    ['a ~~~ b', 'a ~~~ b'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizePrompt(input)).toBe(expected);
  });
});

describe('normalizeMessages', () => {
  it('normalizes content and keeps role and name', () => {
    expect(normalizeMessages([{ role: 'user', content: ' hi  you ', name: 'Ann' }])).toEqual([
      { role: 'user', content: 'hi you', name: 'Ann' },
    ]);
  });
});
