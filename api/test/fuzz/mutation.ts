// Mostly-valid requests: a valid base with one field (at any depth) replaced or removed, so the
// fuzzing gets past the first check and into routing, the ledger and the caches.
import type { DescField, DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { elementArbitrary, fieldArbitrary, mapKey, type Init } from './descriptor-arbitrary.js';

/** A field reached from the request root through singular message fields and oneof members. */
export type Site = readonly DescField[];

const MAX_SITE_DEPTH = 3;
const isPlainMessage = (f: DescField): f is DescField & { fieldKind: 'message' } =>
  f.fieldKind === 'message' && !f.message.typeName.startsWith('google.protobuf.');

/** Every field of `desc` and of its nested messages, as paths from the root. */
export function mutationSites(desc: DescMessage, prefix: Site = []): Site[] {
  if (prefix.length >= MAX_SITE_DEPTH) return [];
  return desc.fields.flatMap((field) => {
    const site = [...prefix, field];
    return isPlainMessage(field) ? [site, ...mutationSites(field.message, site)] : [site];
  });
}

/** Where `field` lives in its parent init object: a plain key, or inside its oneof's { case }. */
function read(parent: Init, field: DescField): unknown {
  if (field.oneof === undefined) return parent[field.localName];
  const slot = parent[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
  return slot?.case === field.localName ? slot.value : undefined;
}

function write(parent: Init, field: DescField, value: unknown): void {
  const key = field.oneof === undefined ? field.localName : field.oneof.localName;
  if (value === undefined) delete parent[key];
  else parent[key] = field.oneof === undefined ? value : { case: field.localName, value };
}

/** The value at `site` in `base`, undefined where the path is not set. */
export function valueOf(base: Init, site: Site): unknown {
  let current: unknown = base;
  for (const f of site) current = current === undefined ? undefined : read(current as Init, f);
  return current;
}

/** A copy of `base` with the field at `site` set to `value` (undefined: removed). */
export function mutate(base: Init, site: Site, value: unknown): Init {
  const root = structuredClone(base);
  let parent = root;
  for (const field of site.slice(0, -1)) {
    let child = read(parent, field) as Init | undefined;
    if (child === undefined) {
      child = {};
      write(parent, field, child);
    }
    parent = child;
  }
  const last = site.at(-1);
  if (last !== undefined) write(parent, last, value);
  return root;
}

/** The path a violation would name, e.g. "prompt.chat" or "usage.decision_id". */
export const sitePath = (site: Site): string => site.map((f) => f.name).join('.');

/**
 * A new value for the field at `site` of `base`: a whole generated value; for a list, the
 * base's list with one element replaced or added; for a map, one entry added or replaced (so a
 * bad value can sit under a valid key, and the reverse).
 */
function valueAt(base: Init, site: Site): fc.Arbitrary<unknown> {
  const field = site.at(-1) as DescField;
  const whole = fieldArbitrary(field);
  const current = valueOf(base, site);
  if (field.fieldKind === 'list') {
    const list: unknown[] = Array.isArray(current) ? (current as unknown[]) : [];
    const one = fc
      .tuple(elementArbitrary(field), fc.nat({ max: list.length }))
      .map(([element, at]) => [...list.slice(0, at), element, ...list.slice(at + 1)]);
    return fc.oneof(whole, one);
  }
  if (field.fieldKind === 'map') {
    const map = (current ?? {}) as Init;
    const keys = Object.keys(map);
    const key =
      keys.length > 0
        ? fc.oneof(fc.constantFrom(...keys), mapKey(field.mapKey))
        : mapKey(field.mapKey);
    const one = fc.tuple(key, elementArbitrary(field)).map(([k, v]) => ({ ...map, [k]: v }));
    return fc.oneof(whole, one);
  }
  return whole;
}

/** `base` with one field replaced by a generated value or removed. */
export function mutatedArbitrary(desc: DescMessage, base: Init): fc.Arbitrary<Init> {
  const sites = mutationSites(desc);
  if (sites.length === 0) return fc.constant(structuredClone(base));
  return fc
    .constantFrom(...sites)
    .chain((site) =>
      fc
        .oneof(
          { weight: 6, arbitrary: valueAt(base, site) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        )
        .map((value) => mutate(base, site, value)),
    );
}
