import { copyTextRows, copyTextValue } from './copy-text.js';

describe('copyTextValue', () => {
  it('writes NULL as \\N and booleans as t/f', () => {
    expect([null, undefined, true, false].map(copyTextValue)).toEqual(['\\N', '\\N', 't', 'f']);
  });

  it('escapes what would end a column or row, and the backslash itself', () => {
    expect(copyTextValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyTextValue('{"k": "a\\"b"}')).toBe('{"k": "a\\\\"b"}');
  });

  it('leaves other text, numbers and a literal \\N-looking value distinguishable', () => {
    expect(copyTextValue('plain ünïcode')).toBe('plain ünïcode');
    expect(copyTextValue(42)).toBe('42');
    expect(copyTextValue('\\N')).toBe('\\\\N');
  });
});

describe('copyTextRows', () => {
  it('separates columns by tabs and ends each row with a newline', () => {
    expect(
      copyTextRows([
        ['a', null, 1],
        ['b', 'x\ty', 2],
      ]),
    ).toBe('a\t\\N\t1\nb\tx\\ty\t2\n');
  });
});
