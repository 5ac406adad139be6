import { paraphrase, syntheticDay, TEAMS } from './traffic.js';

describe('syntheticDay', () => {
  const day = syntheticDay({ queries: 400, seed: 42, gap: 20 });

  it('is the same day for the same seed, another for another seed', () => {
    expect(syntheticDay({ queries: 400, seed: 42, gap: 20 })).toEqual(day);
    const other = syntheticDay({ queries: 400, seed: 43, gap: 20 });
    expect(other.map((q) => q.text)).not.toEqual(day.map((q) => q.text));
  });

  it('sends every task of the examples policy from the teams that own it', () => {
    const tasks = new Set(day.map((q) => q.task));
    expect([...tasks].sort()).toEqual([
      'classification',
      'code',
      'extraction',
      'formatting',
      'reasoning',
      'short-answer',
    ]);
    for (const q of day) expect(TEAMS[q.team]).toContain(q.task);
  });

  it.each([
    ['repeat', 0.1, 0.3],
    ['paraphrase', 0.01, 0.1],
    ['new', 0.6, 0.9],
  ])('has a realistic share of %s queries', (kind, low, high) => {
    const share = day.filter((q) => q.kind === kind).length / day.length;
    expect(share).toBeGreaterThan(low);
    expect(share).toBeLessThan(high);
  });

  it('repeats (word for word) and rewords only queries at least `gap` earlier', () => {
    day.forEach((q, i) => {
      if (q.kind === 'new') return;
      const earlier = day.slice(0, i - 20).filter((e) => e.kind === 'new');
      const match = earlier.find((e) =>
        q.kind === 'repeat' ? e.text === q.text : paraphrase(e.text) === q.text,
      );
      expect(match).toMatchObject({ team: q.team, task: q.task });
    });
  });

  it('asks nothing new twice', () => {
    const fresh = day.filter((q) => q.kind === 'new').map((q) => q.text);
    expect(new Set(fresh).size).toBe(fresh.length);
  });
});
