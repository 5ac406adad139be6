import { aModel, aPolicy, snapshotOf } from '../routing/engine/testing/builders.js';
import { readyModelOf } from './decision-record.js';

describe('readyModelOf (the shadow call)', () => {
  const snapshot = snapshotOf(aPolicy().tier('frontier', 'coder', 'gpt', 'writer'), [
    aModel('coder').tier('frontier').taskLabels('code'),
    aModel('gpt').tier('frontier').ready(false),
    aModel('writer').tier('frontier').taskLabels('creative-writing'),
  ]);

  it.each<[string | undefined, string | undefined]>([
    ['code', 'coder'],
    ['creative-writing', 'writer'],
    // gpt, the one unlabelled model, is not ready: no specialist judges another kind.
    ['math', undefined],
    [undefined, undefined],
  ])('picks for task kind %s: %s', (taskKind, model) => {
    expect(readyModelOf(snapshot, 'frontier', taskKind)?.model).toBe(model);
  });
});
