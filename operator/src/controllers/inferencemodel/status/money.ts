// USD decimal strings (docs/adr/0002-crd-numbers.md) as integer micro-dollars, so costs are exact:
// "0.80" x 2 GPUs x 3 replicas is "4.80", never 4.800000000000001.
const MICROS = 1_000_000n;

/** "0.80" -> 800000n. The CRD pattern ^\d+(\.\d{1,6})?$ is assumed (validated by the API server). */
export function toMicros(usd: string): bigint {
  const [whole = '0', frac = ''] = usd.split('.');
  return BigInt(whole) * MICROS + BigInt(frac.padEnd(6, '0').slice(0, 6));
}

/** 4800000n -> "4.80": at least two decimals, at most six, no trailing zeros beyond two. */
export function fromMicros(micros: bigint): string {
  const whole = micros / MICROS;
  const frac = (micros % MICROS).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${frac}`;
}

/** readyReplicas x gpusPerReplica x gpuHourlyUSD, as a decimal string. */
export function hourlyCost(
  readyReplicas: number,
  gpusPerReplica: number,
  gpuHourlyUSD: string,
): string {
  return fromMicros(BigInt(readyReplicas) * BigInt(gpusPerReplica) * toMicros(gpuHourlyUSD));
}
