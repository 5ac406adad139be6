// Character classes the featurizer counts while it scans, for the dense features.

/** Letters and digits, and anything past Latin-1 punctuation (CJK has no spaces; it is all "word"). */
export function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  if (code < 0xc0) return false;
  // General punctuation and CJK symbols separate words like ASCII punctuation does.
  return !(code >= 0x2000 && code <= 0x206f) && !(code >= 0x3000 && code <= 0x303f);
}

const CODE = new Set('{}()[];=<>'.split('').map((c) => c.charCodeAt(0)));
const MATH = new Set('+-*/^=%'.split('').map((c) => c.charCodeAt(0)));

export const CharClass = {
  Code: 1,
  Math: 2,
  Digit: 4,
  Question: 8,
  Newline: 16,
  Backtick: 32,
} as const;

/** Flags of one code unit, looked up once per ASCII code. */
export const ASCII_CLASSES: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    let flags = 0;
    if (CODE.has(c)) flags |= CharClass.Code;
    if (MATH.has(c)) flags |= CharClass.Math;
    if (c >= 0x30 && c <= 0x39) flags |= CharClass.Digit;
    if (c === 0x3f) flags |= CharClass.Question;
    if (c === 0x0a) flags |= CharClass.Newline;
    if (c === 0x60) flags |= CharClass.Backtick;
    table[c] = flags;
  }
  return table;
})();
