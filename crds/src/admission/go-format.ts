// Renders JSON values the way Go does in kube-apiserver messages, so that ours are byte-for-byte
// the same. Targets apimachinery's field.Error.ErrorBody as of Kubernetes 1.32+: numbers and
// bools with %v, strings with %q, nil as `null`, maps and slices as JSON (json.Marshal, which
// sorts map keys), e.g. `Duplicate value: {"name":"a"}`.

/** Go's %v of a float64: shortest digits, exponent form when exp < -4 || exp >= 6 (1e+06). */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** A JSON number as Go prints it after decoding: whole numbers are int64, the rest float64. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : goFloat(n);
}

/** Go's %q, close enough for JSON strings (JSON escaping differs only for control characters). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** json.Marshal of a decoded JSON value: like JSON.stringify, with map keys sorted. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(record[k])}`).join(',')}}`;
}

/** The bad value part of ErrorBody. */
export function goBadValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return goJson(value ?? null);
}
