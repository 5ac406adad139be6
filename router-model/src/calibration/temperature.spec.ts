import { reliability } from './reliability.js';
import { fitTemperature, meanNll } from './temperature.js';

/** Logits of an overconfident 3-class model: margin 8 on the predicted class, right 70% of the time. */
function overconfident(n: number): { logits: Float64Array; labels: Uint8Array } {
  const logits = new Float64Array(n * 3);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const predicted = i % 3;
    logits[i * 3 + predicted] = 8;
    labels[i] = i % 10 < 7 ? predicted : (predicted + 1) % 3;
  }
  return { logits, labels };
}

describe('fitTemperature', () => {
  it('softens an overconfident model and lowers its NLL', () => {
    const { logits, labels } = overconfident(300);
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(1);
    expect(meanNll(logits, labels, t)).toBeLessThan(meanNll(logits, labels, 1) / 2);
  });

  it('gives the same temperature every time (no randomness in the search)', () => {
    const { logits, labels } = overconfident(90);
    expect(fitTemperature(logits, labels)).toBe(fitTemperature(logits, labels));
  });
});

describe('reliability', () => {
  it('measures |accuracy - confidence| weighted by bin size', () => {
    const r = reliability([0.95, 0.95, 0.55, 0.55], [true, false, true, true]);
    expect(r.bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(r.ece).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.45, 10);
  });
});
