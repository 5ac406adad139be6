// google.protobuf.Struct / Value / ListValue values: shallow random trees, and chains nested far
// deeper than any real request (the issue saw INTERNAL at 50 levels). A Struct in a field is a
// plain JSON object in protobuf-es (inside a Value it is a Struct message), so Struct fields get
// JSON. Deep chains are markers that encode.ts writes without recursion (see deep-chains.ts).
import fc from 'fast-check';
import { deepChain } from './deep-chains.js';
import { nastyString } from './nasty-values.js';

type ValueInit = { kind: { case: string; value: unknown } };
type StructInit = { fields: Record<string, ValueInit> };

const leaf: fc.Arbitrary<ValueInit> = fc.oneof(
  fc.constant({ kind: { case: 'nullValue', value: 0 } }),
  fc.double().map((value) => ({ kind: { case: 'numberValue', value } })),
  nastyString.map((value) => ({ kind: { case: 'stringValue', value } })),
  fc.boolean().map((value) => ({ kind: { case: 'boolValue', value } })),
);

const tree = fc.letrec<{ value: ValueInit; struct: StructInit }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('struct').map((value) => ({ kind: { case: 'structValue', value } })),
    fc
      .array(tie('value'), { maxLength: 3 })
      .map((values) => ({ kind: { case: 'listValue', value: { values } } })),
  ),
  struct: fc
    .dictionary(nastyString, tie('value'), { maxKeys: 3 })
    .map((fields) => ({ fields: { ...fields } })),
}));

const json = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constant(null), fc.double(), nastyString, fc.boolean()),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  object: fc.dictionary(nastyString, tie('value'), { maxKeys: 3 }).map((o) => ({ ...o })),
}));

/**
 * Levels of objects and lists: either side of the API's bound on parameters.extra (16) and of
 * protobuf-es's decode limit (100 messages, about 50 levels), and far past both.
 */
const depth = fc.oneof(
  fc.constantFrom(16, 17, 49, 50, 51, 100, 300),
  fc.integer({ min: 1, max: 300 }),
);

export const valueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: tree.value },
  { weight: 1, arbitrary: depth.map((d) => deepChain('value', d)) },
);

/** For a Struct field: a JSON object. */
export const structArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: json.object },
  { weight: 1, arbitrary: depth.map((d) => deepChain('struct', d)) },
);

export const listValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(valueArbitrary, { maxLength: 3 }).map((values) => ({ values })),
  },
  { weight: 1, arbitrary: depth.map((d) => deepChain('list', d)) },
);
