import { TASK_KINDS, type TaskKind } from '../kinds.js';
import {
  DEFAULT_THRESHOLDS,
  frontierPoint,
  kindScores,
  confusionMatrix,
  macroF1,
  thresholdForRecall,
  tierAgreement,
  tierOf,
} from './metrics.js';

const label = (kind: TaskKind) => TASK_KINDS.indexOf(kind);

describe('tierOf at the default thresholds', () => {
  it.each([
    [1, 'small'],
    [0.7, 'small'],
    [0.69, 'medium'],
    [0.3, 'medium'],
    [0.29, 'frontier'],
    [0, 'frontier'],
  ])('smallOk %f -> %s', (smallOk, tier) => {
    expect(tierOf(smallOk, DEFAULT_THRESHOLDS)).toBe(tier);
  });
});

describe('frontier routing figures', () => {
  // Two need the frontier (math, code), two do not (classification, open-question).
  const labels = Uint8Array.from(
    ['math', 'code', 'classification', 'open-question'].map((k) => label(k as TaskKind)),
  );
  const smallOks = Float64Array.from([0.1, 0.5, 0.9, 0.2]);

  it('counts share of all traffic and share of needs-frontier caught', () => {
    expect(frontierPoint(smallOks, labels, 0.3)).toEqual({
      threshold: 0.3,
      frontierShare: 0.5,
      frontierRecall: 0.5,
    });
    expect(frontierPoint(smallOks, labels, 0.6)).toEqual({
      threshold: 0.6,
      frontierShare: 0.75,
      frontierRecall: 1,
    });
  });

  it('picks the lowest threshold reaching the recall', () => {
    expect(thresholdForRecall(smallOks, labels, 1)).toBeCloseTo(0.501, 6);
  });

  it('agrees on tier when the tier from smallOk is the kind need', () => {
    // math 0.1 frontier (agree), code 0.5 medium (no), classification 0.9 small (agree), open 0.2 frontier (no).
    expect(tierAgreement(smallOks, labels, DEFAULT_THRESHOLDS)).toBe(0.5);
  });
});

describe('kind scores', () => {
  it('computes precision, recall and a macro-F1 over the kinds present', () => {
    const actual = Uint8Array.from([0, 0, 1, 1]);
    const predicted = Uint8Array.from([0, 1, 1, 1]);
    const scores = kindScores(confusionMatrix(actual, predicted, TASK_KINDS.length));
    expect(scores[0]).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(scores[1]).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(macroF1(scores)).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
});
