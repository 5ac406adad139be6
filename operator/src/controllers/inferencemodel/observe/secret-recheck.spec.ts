import type { Condition, InferenceModel } from '@sluice/crds';
import { secretRecheckMs } from './secret-recheck.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

const condition = (
  type: string,
  status: Condition['status'],
  lastTransitionTime: string,
): Condition => ({
  type,
  status,
  lastTransitionTime,
  reason: 'R',
  message: 'm',
});

const withReady = (status: Condition['status'], lastTransitionTime: string): InferenceModel => {
  const conditions = [
    condition('Progressing', 'False', '2020-01-01T00:00:00Z'),
    condition('Ready', status, lastTransitionTime),
  ];
  return { status: { conditions } };
};
const fresh: InferenceModel = {};

describe('secretRecheckMs', () => {
  it.each<[string, InferenceModel, number]>([
    ['no status yet: soon', fresh, 1_000],
    ['missing for a moment: the minimum', withReady('False', '2026-01-01T11:59:59.800Z'), 1_000],
    ['missing for 5 s: 5 s', withReady('False', '2026-01-01T11:59:55Z'), 5_000],
    ['missing for 30 s: 30 s', withReady('False', '2026-01-01T11:59:30Z'), 30_000],
    ['missing for an hour: the maximum', withReady('False', '2026-01-01T11:00:00Z'), 60_000],
    [
      'Ready True (the Secret was deleted since): soon',
      withReady('True', '2026-01-01T11:00:00Z'),
      1_000,
    ],
    ['an unreadable time: soon', withReady('False', 'yesterday'), 1_000],
  ])('%s', (_name, model, expected) => {
    expect(secretRecheckMs(model, NOW)).toBe(expected);
  });
});
