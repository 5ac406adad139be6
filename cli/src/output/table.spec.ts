import { paint } from './colour.js';
import { formatTable } from './table.js';

const ESC = '\u001b[';
const spec = {
  head: ['model', 'queries', 'cost'],
  rows: [
    ['llama', 1200, '$0.42'],
    ['gpt-4o', 35, '$1.10'],
  ],
};

describe('paint', () => {
  it.each([
    [true, true],
    [false, false],
    [undefined, false],
  ])('on a stream with isTTY %s colours: %s', (isTTY, coloured) => {
    const text = paint('red', 'error:', isTTY === undefined ? {} : { isTTY });
    expect(text.includes(ESC)).toBe(coloured);
    expect(text.replaceAll(`${ESC}31m`, '').replaceAll(`${ESC}39m`, '')).toBe('error:');
  });
});

describe('formatTable', () => {
  it('is plain text when the stream is not a terminal', () => {
    const text = formatTable(spec, { isTTY: false });
    expect(text).not.toContain(ESC);
    expect(text).toContain('model');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('puts the header in bold on a terminal', () => {
    expect(formatTable(spec, { isTTY: true })).toContain(`${ESC}1mmodel`);
  });

  it('right-aligns a column of numbers only', () => {
    const lines = formatTable(spec, { isTTY: false }).split('\n');
    const row = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(row('gpt-4o')).toMatch(/│\s+35 │/);
    expect(row('gpt-4o')).toMatch(/│ gpt-4o\s+│/);
  });
});
