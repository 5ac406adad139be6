// The part of Kubernetes' CEL libraries (k8s.io/apiserver/pkg/cel/library) that is cheap to
// provide on top of @marcbachmann/cel-js, which already has the core language, macros and most
// string functions (lowerAscii, upperAscii, split, trim, indexOf...). Added here: the lists
// library (isSorted, sum, min, max, indexOf, lastIndexOf), regex find/findAll, and the string
// extensions charAt, replace and reverse. Not provided: quantity, url, ip/cidr, semver, format,
// authz; a rule calling them gets a "rule compile error" (or, when called as a method on a
// schema-less value, the runtime "no such overload" error).
import type { Environment } from '@marcbachmann/cel-js';
import { goJson } from './go-format.js';

type Scalar = bigint | number | string;

// CEL compares ints and doubles by value; other values are compared structurally.
function celEquals(a: unknown, b: unknown): boolean {
  const numeric = (x: unknown) => typeof x === 'bigint' || typeof x === 'number';
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  return a === b || goJson(a) === goJson(b);
}

function sortedCopy(list: Scalar[]): Scalar[] {
  return [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function extreme(list: Scalar[], pick: 'first' | 'last'): Scalar {
  if (list.length === 0)
    throw new Error(`${pick === 'first' ? 'min' : 'max'} called on empty list`);
  const sorted = sortedCopy(list);
  return (pick === 'first' ? sorted[0] : sorted[sorted.length - 1]) as Scalar;
}

function registerLists(env: Environment): void {
  env.registerFunction('list.isSorted(): bool', (l: Scalar[]) =>
    l.every((x, i) => i === 0 || (l[i - 1] as Scalar) <= x),
  );
  env.registerFunction('list<int>.sum(): int', (l: bigint[]) => l.reduce((a, b) => a + b, 0n));
  env.registerFunction('list<double>.sum(): double', (l: number[]) => l.reduce((a, b) => a + b, 0));
  for (const type of ['int', 'double', 'string']) {
    env.registerFunction(`list<${type}>.min(): ${type}`, (l: Scalar[]) => extreme(l, 'first'));
    env.registerFunction(`list<${type}>.max(): ${type}`, (l: Scalar[]) => extreme(l, 'last'));
  }
  env.registerFunction('list.indexOf(dyn): int', (l: unknown[], x: unknown) =>
    BigInt(l.findIndex((y) => celEquals(x, y))),
  );
  env.registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], x: unknown) =>
    BigInt(l.findLastIndex((y) => celEquals(x, y))),
  );
}

function registerStrings(env: Environment): void {
  env.registerFunction('string.find(string): string', (s: string, re: string) => {
    return new RegExp(re).exec(s)?.[0] ?? '';
  });
  env.registerFunction('string.findAll(string): list<string>', (s: string, re: string) => {
    return [...s.matchAll(new RegExp(re, 'g'))].map((m) => m[0]);
  });
  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => s.charAt(Number(i)));
  env.registerFunction(
    'string.replace(string, string): string',
    (s: string, a: string, b: string) => s.split(a).join(b),
  );
  env.registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''));
}

/** Registers the supported Kubernetes CEL extensions on `env`. */
export function registerKubernetesLibrary(env: Environment): Environment {
  registerLists(env);
  registerStrings(env);
  return env;
}
