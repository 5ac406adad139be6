/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly confidence: number;
  readonly accuracy: number;
}

export interface Reliability {
  readonly bins: readonly ReliabilityBin[];
  /** Expected calibration error: the count-weighted mean |accuracy - confidence| over bins. */
  readonly ece: number;
}

/** Top-label reliability in `binCount` equal-width bins: how often the argmax is right at each confidence. */
export function reliability(
  confidences: readonly number[],
  correct: readonly boolean[],
  binCount = 10,
): Reliability {
  const count = new Float64Array(binCount);
  const confidence = new Float64Array(binCount);
  const hits = new Float64Array(binCount);
  confidences.forEach((p, i) => {
    const bin = Math.min(binCount - 1, Math.floor(p * binCount));
    count[bin] = (count[bin] ?? 0) + 1;
    confidence[bin] = (confidence[bin] ?? 0) + p;
    if (correct[i]) hits[bin] = (hits[bin] ?? 0) + 1;
  });
  const bins = Array.from(count, (n, b) => ({
    from: b / binCount,
    to: (b + 1) / binCount,
    count: n,
    confidence: n > 0 ? (confidence[b] ?? 0) / n : 0,
    accuracy: n > 0 ? (hits[b] ?? 0) / n : 0,
  }));
  const total = Math.max(1, confidences.length);
  const ece = bins.reduce(
    (sum, bin) => sum + (bin.count / total) * Math.abs(bin.accuracy - bin.confidence),
    0,
  );
  return { bins, ece };
}
