import type { Example } from './examples.js';
import { overlapsWith, setBelowFloors, type CheckPrompt, type SetFigures } from './labelled-set.js';

const example = (text: string): Example => ({
  id: 'p3:x-0001',
  source: 'p3',
  kind: 'classification',
  split: 'train',
  text,
});
const prompt = (id: string, text: string): CheckPrompt => ({ id, kind: 'short-answer', text });

describe('overlapsWith', () => {
  it('flags a check prompt equal to, inside or around an example, ignoring case and punctuation', () => {
    const examples = [
      example('Question: What is the capital of Canada? Answer briefly.'),
      example('Who wrote the play Hamlet'),
    ];
    const prompts = [
      prompt('inside', 'what is the CAPITAL of canada?'),
      prompt('around', 'Quick one: who wrote the play "Hamlet"? Thanks'),
      prompt('equal', 'Who wrote the play Hamlet?'),
      prompt('fresh', 'Which planet is closest to the sun?'),
    ];
    expect(overlapsWith(prompts, examples)).toEqual(['inside', 'around', 'equal']);
  });

  it('does not count a short text inside a longer one', () => {
    expect(overlapsWith([prompt('short', 'Summarize')], [example('Summarize this text')])).toEqual(
      [],
    );
  });
});

describe('setBelowFloors', () => {
  const figures: SetFigures = {
    examples: 10,
    accuracy: 0.7,
    macroF1: 0.6,
    tierAgreement: 0.8,
    atDefaults: { threshold: 0.3, frontierShare: 0.3, frontierRecall: 0.9 },
    misses: [],
  };

  it('names each figure under its floor, or a share over its maximum', () => {
    expect(
      setBelowFloors('clearCut', figures, {
        accuracy: 0.75,
        tierAgreement: 0.8,
        frontierRecall: 0.9,
        frontierShareMax: 0.25,
      }),
    ).toEqual(['clearCut.accuracy 0.700 < 0.75', 'clearCut.frontierShare 0.300 > 0.25']);
  });

  it('passes at the floors themselves', () => {
    expect(
      setBelowFloors('x', figures, {
        accuracy: 0.7,
        macroF1: 0.6,
        tierAgreement: 0.8,
        frontierRecall: 0.9,
        frontierShareMax: 0.3,
      }),
    ).toEqual([]);
  });
});
