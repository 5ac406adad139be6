import { isConditionTrue, setCondition, type Condition } from './conditions.js';

const t0 = new Date('2026-01-01T00:00:00.123Z');
const t1 = new Date('2026-01-01T01:00:00Z');
const ready = (status: Condition['status'], extra: Partial<Condition> = {}): Condition => ({
  type: 'Ready',
  status,
  reason: 'R',
  message: 'm',
  observedGeneration: 1,
  lastTransitionTime: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('setCondition', () => {
  it('adds a new condition stamped now (second precision)', () => {
    const input = {
      type: 'Ready',
      status: 'True',
      reason: 'R',
      message: 'm',
      observedGeneration: 1,
    } as const;
    expect(setCondition(undefined, input, t0)).toEqual([ready('True')]);
  });

  it.each([
    ['keeps the time when status is unchanged', ['True', 'Other', 2, '2026-01-01T00:00:00Z']],
    ['moves the time when status flips', ['False', 'R', 1, '2026-01-01T01:00:00Z']],
    ['moves the time to Unknown', ['Unknown', 'R', 1, '2026-01-01T01:00:00Z']],
  ] as const)('%s', (_name, [status, reason, generation, expectedTime]) => {
    const result = setCondition(
      [ready('True'), { ...ready('True'), type: 'Progressing' }],
      { type: 'Ready', status, reason, message: 'x', observedGeneration: generation },
      t1,
    );
    expect(result[0]).toEqual({
      type: 'Ready',
      status,
      reason,
      message: 'x',
      observedGeneration: generation,
      lastTransitionTime: expectedTime,
    });
    expect(result[1]?.type).toBe('Progressing');
  });

  it('does not mutate its input', () => {
    const input = [ready('True')];
    setCondition(input, { type: 'Ready', status: 'False', reason: 'R', message: 'm' }, t1);
    expect(input).toEqual([ready('True')]);
  });

  it('answers isConditionTrue', () => {
    expect(isConditionTrue([ready('True')], 'Ready')).toBe(true);
    expect(isConditionTrue([ready('False')], 'Ready')).toBe(false);
    expect(isConditionTrue(undefined, 'Ready')).toBe(false);
  });
});
