// The JSONPath subset CRD additionalPrinterColumns use (k8s.io/client-go/util/jsonpath):
// `.a.b`, `.a[0]`, `.a[*].b`, `.a['x.y']` and filters `.a[?(@.type=="Ready")].status`.
// Returns every match; the Table printer shows the first, like kube-apiserver's column printer.
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: string };

const stepPattern =
  /^(?:\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\[\*\]|\['([^']+)'\]|\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*["']?([^"')]*)["']?\)\])/;

export const parseJsonPath = (path: string): Step[] => {
  let rest = path
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  const steps: Step[] = [];
  while (rest.length > 0) {
    const m = stepPattern.exec(rest);
    if (!m) throw new Error(`unsupported JSONPath: ${path}`);
    steps.push(toStep(m));
    rest = rest.slice(m[0].length);
  }
  return steps;
};

const toStep = (m: RegExpExecArray): Step => {
  if (m[1] !== undefined) return { kind: 'field', name: m[1] };
  if (m[2] !== undefined) return { kind: 'index', index: Number(m[2]) };
  if (m[3] !== undefined) return { kind: 'field', name: m[3] };
  if (m[4] !== undefined) {
    const path = m[4].split('.').filter((p) => p.length > 0);
    return { kind: 'filter', path, op: m[5] as '==' | '!=', value: m[6] ?? '' };
  }
  return { kind: 'all' };
};

const field = (v: unknown, name: string): unknown[] =>
  typeof v === 'object' && v !== null && name in v ? [(v as Record<string, unknown>)[name]] : [];

const dig = (v: unknown, path: string[]): unknown =>
  path.reduce<unknown>((acc, p) => field(acc, p)[0], v);

const apply = (v: unknown, step: Step): unknown[] => {
  if (step.kind === 'field') return field(v, step.name);
  if (!Array.isArray(v)) return [];
  if (step.kind === 'index') return step.index < v.length ? [v[step.index]] : [];
  if (step.kind === 'all') return v as unknown[];
  return v.filter((e) => (String(dig(e, step.path)) === step.value) === (step.op === '=='));
};

export const evaluateJsonPath = (path: string, obj: unknown): unknown[] =>
  parseJsonPath(path).reduce<unknown[]>((acc, step) => acc.flatMap((v) => apply(v, step)), [obj]);
