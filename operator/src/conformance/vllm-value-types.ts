// One value of a flag, converted and checked the way argparse and vLLM's type functions do
// (vllm/engine/arg_utils.py: parse_type, optional_type, human_readable_int), with their messages.
import type { FlagSpec, ValueType } from './vllm-flag-spec.js';

export type Converted = { value: unknown } | { error: string };

const INT = /^\s*[+-]?\d+(_\d+)*\s*$/;
const FLOAT = /^\s*[+-]?((\d+(_\d+)*)?\.?\d+(_\d+)*([eE][+-]?\d+)?|inf(inity)?|nan)\s*$/i;
const HUMAN = /^(\d+(?:\.\d+)?)([kKmMgGtT])$/;
const DECIMAL: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9 };
const BINARY: Record<string, number> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** Python's repr of a str, as argparse prints values in its messages. */
export const pyRepr = (s: string | number): string =>
  typeof s === 'number' ? String(s) : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Python's name of the type function, as parse_type prints it in its message. */
const PY_TYPE: Record<ValueType, string> = {
  str: "<class 'str'>",
  int: "<class 'int'>",
  float: "<class 'float'>",
  'human-int': '<function human_readable_int>',
  json: '<function loads>',
};

class TypeError_ extends Error {}

function humanInt(raw: string): number {
  const value = raw.trim();
  const m = HUMAN.exec(value);
  if (m) {
    const [, number = '', suffix = ''] = m;
    const decimal = DECIMAL[suffix];
    if (decimal !== undefined) return Math.trunc(Number(number) * decimal);
    const binary = BINARY[suffix];
    if (binary !== undefined) {
      if (!/^\d+$/.test(number)) {
        throw new TypeError_(
          `Decimals are not allowed with binary suffixes like ${suffix}. Did you mean to use ${number}${suffix.toLowerCase()} instead?`,
        );
      }
      return Number(number) * binary;
    }
  }
  if (!INT.test(value)) throw new RangeError(value);
  return Number(value.replace(/_/g, ''));
}

/** Throws RangeError for Python's ValueError, TypeError_ for argparse.ArgumentTypeError. */
function convert(type: ValueType, raw: string): unknown {
  switch (type) {
    case 'int':
      if (!INT.test(raw)) throw new RangeError(raw);
      return Number(raw.replace(/_/g, ''));
    case 'float':
      if (!FLOAT.test(raw)) throw new RangeError(raw);
      return Number(raw.replace(/_/g, ''));
    case 'human-int':
      return humanInt(raw);
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new RangeError(raw);
      }
    default:
      return raw;
  }
}

const typeName: Record<ValueType, string> = {
  str: 'str',
  int: 'int',
  float: 'float',
  'human-int': 'human_readable_int',
  json: 'loads',
};

/** argparse's _get_value then _check_value. */
export function convertValue(spec: FlagSpec, raw: string): Converted {
  const type = spec.type ?? 'str';
  let value: unknown;
  try {
    value = spec.optional && (raw === '' || raw === 'None') ? null : convert(type, raw);
  } catch (e) {
    if (e instanceof TypeError_) return { error: e.message };
    // optional_type / parse_type turn a ValueError into their own ArgumentTypeError.
    if (spec.optional || type === 'json') {
      return { error: `Value ${raw} cannot be converted to ${PY_TYPE[type]}.` };
    }
    return { error: `invalid ${typeName[type]} value: ${pyRepr(raw)}` };
  }
  return checkChoice(spec, value);
}

function checkChoice(spec: FlagSpec, value: unknown): Converted {
  const choices = spec.choices;
  if (!choices || choices.includes(value as string | number)) return { value };
  const shown = value === null ? 'None' : pyRepr(value as string | number);
  return { error: `invalid choice: ${shown} (choose from ${choices.map(pyRepr).join(', ')})` };
}
