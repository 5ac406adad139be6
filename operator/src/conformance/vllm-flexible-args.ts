// What vLLM's FlexibleArgumentParser.parse_args does to argv before argparse sees it
// (vllm/utils/__init__.py in 0.10.1): underscores become dashes in option names, -O3 becomes
// -O.level=3, and dotted JSON options (--compilation-config.level 3, --x.list+ a,b) are merged
// into one JSON argument appended at the end. --config FILE (a YAML file read at start-up) is
// not expanded: the operator never passes one.

/** Everything between the leading -- and the first '.' gets its underscores turned into dashes. */
function dashed(arg: string): string {
  const dot = arg.indexOf('.');
  const end = dot < 0 ? arg.length : dot;
  return `--${arg.slice(2, end).replace(/_/g, '-')}${arg.slice(end)}`;
}

function normalize(args: readonly string[]): string[] {
  return args.map((arg, i) => {
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      return eq < 0 ? dashed(arg) : `${dashed(arg.slice(0, eq))}${arg.slice(eq)}`;
    }
    if (arg.startsWith('-O') && arg !== '-O' && arg[2] !== '.') {
      return `-O.level=${arg[2] === '=' ? arg.slice(3) : arg.slice(2)}`;
    }
    if (arg === '-O' && ['0', '1', '2', '3'].includes(args[i + 1] ?? '')) return '-O.level';
    return arg;
  });
}

type Json = Record<string, unknown>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function merge(target: Json, keys: string[], value: unknown): void {
  const [key, ...rest] = keys;
  if (key === undefined) return;
  if (rest.length === 0) {
    const old = target[key];
    target[key] =
      Array.isArray(old) && Array.isArray(value)
        ? [...(old as unknown[]), ...(value as unknown[])]
        : value;
    return;
  }
  const child = target[key];
  const next: Json = typeof child === 'object' && child !== null ? (child as Json) : {};
  target[key] = next;
  merge(next, rest, value);
}

/** Splits "--a.b=1" / "--a.b 1" into the option, its key path and its value, or undefined. */
function dotted(
  args: readonly string[],
  i: number,
): { keys: string[]; raw: string; used: number } | undefined {
  const arg = args[i] ?? '';
  if (!arg.startsWith('-') || !arg.includes('.')) return undefined;
  const eq = arg.indexOf('=');
  const name = eq < 0 ? arg : arg.slice(0, eq);
  if (!name.includes('.')) return undefined;
  const raw = eq < 0 ? (args[i + 1] ?? '') : arg.slice(eq + 1);
  return { keys: name.split('.'), raw, used: eq < 0 ? 2 : 1 };
}

/** Adds one dotted option ("--x.a.b+ v1,v2") to the JSON object of its option. */
function addDotted(dicts: Map<string, Json>, d: { keys: string[]; raw: string }): void {
  const [option = '', ...keys] = d.keys;
  const last = keys.length - 1;
  const append = keys[last]?.endsWith('+') ?? false;
  if (append) keys[last] = (keys[last] ?? '').slice(0, -1);
  const dict = dicts.get(option) ?? {};
  merge(dict, keys, append ? d.raw.split(',') : parseJson(d.raw));
  dicts.set(option, dict);
}

/** The argv argparse receives. */
export function flexibleArgs(input: readonly string[]): string[] {
  const args = normalize(input);
  const out: string[] = [];
  const dicts = new Map<string, Json>();
  for (let i = 0; i < args.length; i++) {
    const d = dotted(args, i);
    if (d) {
      addDotted(dicts, d);
      i += d.used - 1;
    } else {
      out.push(args[i] ?? '');
    }
  }
  for (const [option, dict] of dicts) out.push(option, JSON.stringify(dict));
  return out;
}
