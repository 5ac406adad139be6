import type { BenchPrompt } from './targets.js';

// The mixed set Route is measured with, in the proportions a support product might send: mostly
// short classification, some code, a long reasoning request now and then. Each call takes the
// next prompt in turn, with the call's number appended so no two prompts are the same text.

const CLASSIFY: BenchPrompt = {
  kind: 'short classification',
  taskLabel: 'classification',
  text: 'Classify the sentiment of this review as positive, negative or neutral: "The checkout was quick and the parcel arrived a day early."',
};

const CODE: BenchPrompt = {
  kind: 'code',
  taskLabel: '',
  text: [
    'Refactor this TypeScript function so it never mutates its argument and add JSDoc:',
    '```ts',
    'export function dedupe(items: Array<{ id: string; seen?: boolean }>) {',
    '  const out = [];',
    '  for (const item of items) {',
    '    if (item.seen) continue;',
    '    item.seen = true;',
    '    if (!out.find((o) => o.id === item.id)) out.push(item);',
    '  }',
    '  return out;',
    '}',
    '```',
  ].join('\n'),
};

const CONTEXT_PARAGRAPH =
  'Quarter over quarter, the support organisation answered more tickets with fewer agents, ' +
  'but customer satisfaction fell in two regions while first-response time improved everywhere. ' +
  'Self-hosted models served the routine categories; a hosted frontier model served escalations. ';

/** About 1,500 tokens: long, and asking for multi-step analysis. */
const REASONING: BenchPrompt = {
  kind: 'long reasoning',
  taskLabel: 'reasoning',
  text:
    'Analyze step by step why satisfaction fell while response times improved, compare the ' +
    'regions, and propose three experiments with their expected cost.\n\n' +
    CONTEXT_PARAGRAPH.repeat(30),
};

export const PROMPTS: readonly BenchPrompt[] = [
  CLASSIFY,
  CLASSIFY,
  CODE,
  CLASSIFY,
  CLASSIFY,
  CODE,
  REASONING,
];
