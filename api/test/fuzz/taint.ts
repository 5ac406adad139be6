// Valid requests with one string slipped a NUL, a newline or a non-ASCII character: the value
// stays plausible, so it passes the checks that look at shape and reaches headers, logs and
// PostgreSQL (the NUL in a tag value stopped decision recording for every tenant).
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';
import type { Init } from './descriptor-arbitrary.js';
import { mutate, mutationSites, valueOf, type Site } from './mutation.js';
import { taintOf } from './nasty-values.js';

const isString = (f: DescField): boolean =>
  (f.fieldKind === 'scalar' || (f.fieldKind === 'list' && f.listKind === 'scalar')) &&
  f.scalar === ScalarType.STRING;
const isStringMap = (f: DescField): boolean =>
  f.fieldKind === 'map' && f.mapKind === 'scalar' && f.scalar === ScalarType.STRING;

/** The base's value at `site` with one string in it tainted (a key or a value for a map). */
function taintedAt(base: Init, site: Site): fc.Arbitrary<unknown> {
  const field = site.at(-1) as DescField;
  const current = valueOf(base, site);
  if (isStringMap(field)) {
    const map = (current ?? { team: 'search' }) as Record<string, string>;
    const [key, value] = Object.entries(map)[0] ?? ['team', 'search'];
    return fc.oneof(
      taintOf(value).map((v) => ({ ...map, [key]: v })),
      taintOf(key).map((k) => ({ ...map, [k]: value })),
    );
  }
  if (Array.isArray(current)) {
    const list = current as string[];
    return taintOf(list[0] ?? 'x').map((v) => [v, ...list.slice(1)]);
  }
  return taintOf(typeof current === 'string' && current !== '' ? current : 'x');
}

export function taintedArbitrary(desc: DescMessage, base: Init): fc.Arbitrary<Init> {
  const sites = mutationSites(desc).filter((site) => {
    const field = site.at(-1) as DescField;
    return isString(field) || isStringMap(field);
  });
  if (sites.length === 0) return fc.constant(structuredClone(base));
  return fc
    .constantFrom(...sites)
    .chain((site) => taintedAt(base, site).map((value) => mutate(base, site, value)));
}
