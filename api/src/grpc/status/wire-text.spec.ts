import { Metadata } from '@grpc/grpc-js';
import { percentEncode, truncateUtf8 } from './wire-text.js';

describe('percentEncode', () => {
  it.each([
    ['prompt: must not be empty', 'prompt: must not be empty'],
    ['tags["équipe"]', 'tags["%C3%A9quipe"]'],
    ['a\nb\r\u0000', 'a%0Ab%0D%00'],
    ['100%, done', '100%25%2C done'],
    ['ключ', '%D0%BA%D0%BB%D1%8E%D1%87'],
    ['😀', '%F0%9F%98%80'],
    ['\u007f', '%7F'],
  ])('encodes %p as %p, a value grpc-js accepts and decodeURIComponent reverses', (text, out) => {
    expect(percentEncode(text)).toBe(out);
    expect(() => new Metadata().add('sluice-field-violation', out)).not.toThrow();
    expect(decodeURIComponent(out)).toBe(text);
  });
});

describe('truncateUtf8', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghijkl', 10, 'abcdefg...'],
    ['éééééé', 10, 'ééé...'],
    ['😀😀😀', 8, '😀...'],
    ['', 0, ''],
  ])('cuts %p to %p bytes as %p', (text, max, out) => {
    expect(truncateUtf8(text, max)).toBe(out);
    expect(new TextEncoder().encode(out).length).toBeLessThanOrEqual(Math.max(max, 0));
  });
});
