import { extractFeatures, SCAN_WINDOW_CHARS, scanWindow } from './features.js';
import { compileKeywords } from './keywords.js';

const noKeywords = compileKeywords([]);
const features = (text: string) => extractFeatures(text, 10, noKeywords);

describe('extractFeatures', () => {
  it.each([
    ['What is the capital of France?', { questions: 1, reasoningMarkers: [], multiStepCues: 0 }],
    ['Compare A and B? Why? How?', { questions: 3, reasoningMarkers: ['compare', 'why'] }],
    [
      'Analysis of the trade-offs, step-by-step',
      { reasoningMarkers: ['step by step', 'analyze', 'trade-off'] },
    ],
    ['Please provide the proven total', { reasoningMarkers: ['prove'] }],
    ['Please provide the total', { reasoningMarkers: [] }],
    [
      'Explain how would it fail and what if it does',
      { reasoningMarkers: ['explain', 'how would', 'what if'] },
    ],
    ['First draft the email, then send it', { multiStepCues: 1 }],
    ['Then do it first', { multiStepCues: 0 }],
    ['Summarize it and then translate it. After that, finally, reply.', { multiStepCues: 3 }],
    ['1. name\n2. date\n3. total', { multiStepCues: 1 }],
    ['1. name\n2. date', { multiStepCues: 0 }],
  ])('finds the visible features of %j', (text, expected) => {
    expect(features(text)).toMatchObject(expected);
  });

  it.each([
    ['a fenced snippet', '```js\nconst user = getUser(id);\n```', true],
    ['a python function', 'def parse_line(raw):\n    return raw.split(",")', true],
    ['a SQL query', 'SELECT id FROM orders WHERE total > 10', true],
    ['a support ticket', 'My card was charged twice this month, please refund me.', false],
    ['prose that says return', 'I want to return my first class ticket.', false],
  ])('sees code in %s: %j', (_label, text, code) => {
    expect(features(text).codeSignals >= 3).toBe(code);
  });

  it.each([
    ['an equation', 'Solve 3x + 5 = 20', true],
    ['arithmetic', 'What is 12 * 7?', true],
    ['a symbol', 'Evaluate ∫ sin(x) dx', true],
    ['math vocabulary', 'Find the derivative of the polynomial', true],
    ['a date and an amount', 'Invoice #4821, dated 2024-03-14, total $1,250.00', false],
    ['plain text', 'Format this address as JSON', false],
  ])('sees math in %s', (_label, text, math) => {
    expect(features(text).mathSignals >= 1).toBe(math);
  });

  it('reports the policy keywords it finds, as the policy wrote them', () => {
    const keywords = compileKeywords(['Step By Step', 'root cause']);
    expect(extractFeatures('go step by step', 3, keywords).complexKeywords).toEqual([
      'Step By Step',
    ]);
  });

  it('matches the policy keywords in the caller keywords too, once each', () => {
    const keywords = compileKeywords(['step by step', 'root cause', 'compare']);
    const found = extractFeatures('compare them', 3, keywords, ['Root Cause', 'compare', 'why']);
    expect(found.complexKeywords).toEqual(['compare', 'root cause']);
  });

  it('reads no markers from the caller keywords', () => {
    const found = extractFeatures('', 3, noKeywords, ['why', 'step by step', 'x = 1 + 2']);
    expect(found).toMatchObject({ reasoningMarkers: [], mathSignals: 0, complexKeywords: [] });
  });

  it('carries the token count through', () => {
    expect(extractFeatures('hi', 4242, noKeywords).tokens).toBe(4242);
  });

  it('is deterministic', () => {
    const text = 'Compare these: 1. a\n2. b\n3. c ```x = f(y);```';
    expect(features(text)).toEqual(features(text));
  });
});

describe('scanWindow', () => {
  const filler = 'lorem ipsum '.repeat(SCAN_WINDOW_CHARS / 4);

  it.each([
    ['a marker at the start', `compare ${filler}`, true],
    ['a marker at the end', `${filler} compare`, true],
    ['a marker deep in the middle', `${filler} compare ${filler}`, false],
  ])('of a long prompt keeps %s: %s', (_label, text, kept) => {
    expect(scanWindow(text).includes('compare')).toBe(kept);
  });

  it('keeps a short prompt whole', () => {
    expect(scanWindow('short')).toBe('short');
  });
});
