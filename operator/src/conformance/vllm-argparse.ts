// A command line checked against a transcribed vLLM flag table the way vLLM 0.10's parser
// (FlexibleArgumentParser, an argparse.ArgumentParser on Python 3.12) would, with argparse's
// error messages: unknown flags, bad choices, bad numbers, missing values, --no- forms on flags
// that are not BooleanOptionalAction. See README.md for what is not modelled.
import { VLLM_0_10_1_1 } from './vllm-0.10.1.1-flags.js';
import type { FlagTable } from './vllm-flag-spec.js';
import { flexibleArgs } from './vllm-flexible-args.js';
import { checkLoraModules } from './vllm-lora-modules.js';
import { indexOptions, lookup, type Match, type Option } from './vllm-option-index.js';
import { convertValue, pyRepr } from './vllm-value-types.js';

export type ParseResult =
  | { ok: true; values: ReadonlyMap<string, unknown>; modelTag?: string }
  | { ok: false; error: string };

class ArgparseError extends Error {}

interface State {
  index: Map<string, Option>;
  args: string[];
  values: Map<string, unknown>;
  extras: string[];
  modelTag?: string;
}

const isOption = (s: State, arg: string | undefined): boolean => {
  if (arg === undefined) return false;
  const found = lookup(s.index, arg);
  return found !== 'positional';
};

/** The values that follow an option, up to the next option string. */
function following(s: State, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < s.args.length && !isOption(s, s.args[i]); i++) out.push(s.args[i] ?? '');
  return out;
}

function convertAll(option: Option, raws: string[]): unknown[] {
  return raws.map((raw) => {
    const c = convertValue(option.spec, raw);
    if ('error' in c) throw new ArgparseError(`argument ${option.display}: ${c.error}`);
    return c.value;
  });
}

/** store_true and BooleanOptionalAction take no value: --no-x stores false. */
function consumeFlag(s: State, { option, explicit }: Match, at: number, name: string): number {
  if (explicit !== undefined) {
    throw new ArgparseError(
      `argument ${option.display}: ignored explicit argument ${pyRepr(explicit)}`,
    );
  }
  s.values.set(name, !(s.args[at] ?? '').startsWith('--no-'));
  return 0;
}

/** nargs='?': the next value if there is one, else True (vLLM's const). */
function consumeOptionalValue(s: State, { option, explicit }: Match, at: number, name: string) {
  const raw = explicit ?? following(s, at + 1)[0];
  s.values.set(name, raw === undefined ? true : convertAll(option, [raw])[0]);
  return explicit === undefined && raw !== undefined ? 1 : 0;
}

/** argparse's consume_optional: returns how many argv entries after the option it used. */
function consume(s: State, m: Match, at: number): number {
  const name = m.option.spec.names[0] ?? '';
  switch (m.option.spec.kind) {
    case 'store-true':
    case 'boolean-optional':
      return consumeFlag(s, m, at, name);
    case 'optional-value':
      return consumeOptionalValue(s, m, at, name);
    default:
      return consumeValues(s, m, at, name);
  }
}

function consumeValues(s: State, { option, explicit }: Match, at: number, name: string): number {
  const many = option.spec.nargs === '+' || option.spec.kind === 'lora-modules';
  const raws = explicit !== undefined ? [explicit] : following(s, at + 1);
  if (raws.length === 0) {
    const need = many ? 'expected at least one argument' : 'expected one argument';
    throw new ArgparseError(`argument ${option.display}: ${need}`);
  }
  const taken = many ? raws : raws.slice(0, 1);
  const values = convertAll(option, taken);
  if (option.spec.kind === 'lora-modules') {
    const error = checkLoraModules(taken);
    if (error) throw new ArgparseError(error);
  }
  s.values.set(name, many ? values : values[0]);
  return explicit !== undefined ? 0 : taken.length;
}

/** The optional positional model_tag takes the first stray value, argparse-style. */
function positional(s: State, arg: string): void {
  if (s.modelTag === undefined) s.modelTag = arg;
  else s.extras.push(arg);
}

function step(s: State, i: number): number {
  const arg = s.args[i] ?? '';
  const found = lookup(s.index, arg);
  if (found === 'unknown') {
    s.extras.push(arg);
  } else if (found === 'positional') {
    positional(s, arg);
  } else if ('ambiguous' in found) {
    throw new ArgparseError(found.ambiguous);
  } else {
    return i + 1 + consume(s, found, i);
  }
  return i + 1;
}

export function parseVllmArgs(
  argv: readonly string[],
  table: FlagTable = VLLM_0_10_1_1,
): ParseResult {
  const s: State = {
    index: indexOptions(table),
    args: flexibleArgs(argv),
    values: new Map(),
    extras: [],
  };
  try {
    for (let i = 0; i < s.args.length;) {
      if (s.args[i] === '--') {
        // Everything after -- is positional: model_tag first, the rest unrecognized.
        s.args.slice(i + 1).forEach((arg) => positional(s, arg));
        break;
      }
      i = step(s, i);
    }
  } catch (e) {
    if (e instanceof ArgparseError) return { ok: false, error: e.message };
    throw e;
  }
  if (s.extras.length > 0)
    return { ok: false, error: `unrecognized arguments: ${s.extras.join(' ')}` };
  return { ok: true, values: s.values, ...(s.modelTag !== undefined && { modelTag: s.modelTag }) };
}
