/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one scalar T
 * divides every logit; argmax is unchanged, confidences move. Fitted on the calibration split by
 * golden-section search of the mean NLL over ln T: deterministic, no gradient to tune.
 */
export function meanNll(logits: Float64Array, labels: Uint8Array, temperature: number): number {
  const k = logits.length / labels.length;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, (logits[i * k + c] ?? 0) / temperature);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((logits[i * k + c] ?? 0) / temperature - max);
    total += Math.log(sum) + max - (logits[i * k + (labels[i] ?? 0)] ?? 0) / temperature;
  }
  return total / Math.max(1, labels.length);
}

const LOG_T_RANGE = [Math.log(0.002), Math.log(50)] as const;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export function fitTemperature(logits: Float64Array, labels: Uint8Array, iterations = 60): number {
  let [lo, hi] = LOG_T_RANGE;
  const nll = (logT: number) => meanNll(logits, labels, Math.exp(logT));
  let a = hi - GOLDEN * (hi - lo);
  let b = lo + GOLDEN * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < iterations; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - GOLDEN * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + GOLDEN * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
