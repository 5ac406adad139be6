// Random request messages generated from the protobuf-es v2 descriptors alone, so a field, a
// message or an RPC added to the .proto files is fuzzed without anyone touching this suite.
// Values are protobuf-es init objects (localName keys, oneofs as { case, value }).
import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { enumArbitrary, nastyString, scalarArbitrary, timestampArbitrary } from './nasty-values.js';
import { listValueArbitrary, structArbitrary, valueArbitrary } from './struct-values.js';

export type Init = Record<string, unknown>;

/** Nested messages below this depth are sent empty; Struct has its own deep chains. */
const MAX_DEPTH = 4;

/** Well-known types whose shape matters more than their descriptor says. */
const WELL_KNOWN: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  'google.protobuf.Timestamp': timestampArbitrary,
  'google.protobuf.Struct': structArbitrary,
  'google.protobuf.Value': valueArbitrary,
  'google.protobuf.ListValue': listValueArbitrary,
};

const enumNumbers = (e: DescEnum): number[] => e.values.map((v) => v.number);

function messageValue(message: DescMessage, depth: number): fc.Arbitrary<unknown> {
  const known = WELL_KNOWN[message.typeName];
  if (known !== undefined) return known;
  if (depth >= MAX_DEPTH) return fc.constant({});
  return messageArbitrary(message, depth + 1);
}

/** Mostly short lists; sometimes past any sane bound (1000 decision ids, 256 keywords...). */
function listOf(element: fc.Arbitrary<unknown>, cheap: boolean): fc.Arbitrary<unknown[]> {
  const long = fc
    .tuple(element, fc.integer({ min: 257, max: 1100 }))
    .map(([value, count]) => Array.from({ length: count }, () => value));
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(element, { maxLength: 4 }) },
    { weight: cheap ? 1 : 0, arbitrary: long },
  );
}

/** Keys that pass a tag-key check half the time, so their values get checked too. */
const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);

export function mapKey(type: ScalarType): fc.Arbitrary<string> {
  if (type === ScalarType.STRING) return fc.oneof(identifier, nastyString);
  if (type === ScalarType.BOOL) return fc.constantFrom('true', 'false');
  return fc.integer().map(String);
}

/** Mostly a few entries; sometimes more than the 32 tags allowed. */
function mapOf(key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>): fc.Arbitrary<Init> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(key, value, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(key, value, { minKeys: 33, maxKeys: 40 }) },
  );
}

export type ListField = DescField & { fieldKind: 'list' };
export type MapField = DescField & { fieldKind: 'map' };

/** One element of a list, or one value of a map. */
export function elementArbitrary(field: ListField | MapField, depth = 0): fc.Arbitrary<unknown> {
  const kind = field.fieldKind === 'list' ? field.listKind : field.mapKind;
  if (kind === 'message' && field.message) return messageValue(field.message, depth);
  if (kind === 'enum' && field.enum) return enumArbitrary(enumNumbers(field.enum));
  const long = field.fieldKind === 'list' && field.listKind === 'scalar' && field.longAsString;
  return scalarArbitrary(field.scalar ?? ScalarType.STRING, long);
}

const listArbitrary = (field: ListField, depth: number): fc.Arbitrary<unknown[]> =>
  listOf(elementArbitrary(field, depth), field.listKind !== 'message');

const mapArbitrary = (field: MapField, depth: number): fc.Arbitrary<Init> =>
  mapOf(mapKey(field.mapKey), elementArbitrary(field, depth));

/** A value for `field` as it stands in an init object. */
export function fieldArbitrary(field: DescField, depth = 0): fc.Arbitrary<unknown> {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarArbitrary(field.scalar, field.longAsString);
    case 'enum':
      return enumArbitrary(enumNumbers(field.enum));
    case 'message':
      return messageValue(field.message, depth);
    case 'list':
      return listArbitrary(field, depth);
    case 'map':
      return mapArbitrary(field, depth);
  }
}

/**
 * Any message of type `desc`: each plain field present or not, each oneof unset or one of its
 * members, every value from the arbitraries above.
 */
export function messageArbitrary(desc: DescMessage, depth = 0): fc.Arbitrary<Init> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const member of desc.members) {
    if (member.kind === 'field') {
      model[member.localName] = fieldArbitrary(member, depth);
    } else {
      model[member.localName] = fc.oneof(
        ...member.fields.map((f) =>
          fieldArbitrary(f, depth).map((value) => ({ case: f.localName, value })),
        ),
      );
    }
  }
  return fc.record(model, { requiredKeys: [] });
}
