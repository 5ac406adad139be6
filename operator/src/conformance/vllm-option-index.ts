// argparse's lookup of an option string (Python 3.12, the vLLM image's Python): exact match,
// "--name=value", and unambiguous prefixes, since vLLM's FlexibleArgumentParser keeps argparse's
// default allow_abbrev=True.
import type { FlagSpec, FlagTable } from './vllm-flag-spec.js';

export interface Option {
  spec: FlagSpec;
  /** How argparse names the argument in its messages: every option string, joined by '/'. */
  display: string;
}

export interface Match {
  option: Option;
  /** The text after '=' (or after a short option's two characters), if any. */
  explicit: string | undefined;
}

export type Lookup = Match | { ambiguous: string } | 'unknown' | 'positional';

/** BooleanOptionalAction registers --no-x beside every --x. */
function optionStrings(spec: FlagSpec): string[] {
  if (spec.kind !== 'boolean-optional') return [...spec.names];
  return spec.names.flatMap((n) => (n.startsWith('--') ? [n, `--no-${n.slice(2)}`] : [n]));
}

export function indexOptions(table: FlagTable): Map<string, Option> {
  const index = new Map<string, Option>();
  for (const spec of table.flags) {
    const strings = optionStrings(spec);
    const option = { spec, display: strings.join('/') };
    for (const s of strings) index.set(s, option);
  }
  return index;
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** argparse's _get_option_tuples: the registered options this string may abbreviate. */
function candidates(index: Map<string, Option>, arg: string): Array<[string, Match]> {
  const eq = arg.indexOf('=');
  const prefix = eq < 0 ? arg : arg.slice(0, eq);
  const explicit = eq < 0 ? undefined : arg.slice(eq + 1);
  const found: Array<[string, Match]> = [];
  for (const [name, option] of index) {
    if (name.startsWith(prefix)) found.push([name, { option, explicit }]);
  }
  const short = index.get(arg.slice(0, 2));
  if (!arg.startsWith('--') && short && arg.length > 2) {
    found.unshift([arg.slice(0, 2), { option: short, explicit: arg.slice(2) }]);
  }
  return found;
}

/** argparse's _parse_optional. */
export function lookup(index: Map<string, Option>, arg: string): Lookup {
  if (!arg.startsWith('-') || arg === '-') return 'positional';
  const exact = index.get(arg);
  if (exact) return { option: exact, explicit: undefined };
  const eq = arg.indexOf('=');
  const withValue = eq < 0 ? undefined : index.get(arg.slice(0, eq));
  if (withValue) return { option: withValue, explicit: arg.slice(eq + 1) };
  const found = candidates(index, arg);
  if (found.length > 1) {
    return {
      ambiguous: `ambiguous option: ${arg} could match ${found.map(([n]) => n).join(', ')}`,
    };
  }
  const [only] = found;
  if (only) return only[1];
  if (NEGATIVE_NUMBER.test(arg) || arg.includes(' ')) return 'positional';
  return 'unknown';
}
