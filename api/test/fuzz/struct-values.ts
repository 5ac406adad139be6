// google.protobuf.Struct / Value / ListValue as init objects: shallow random trees, and chains
// nested far deeper than any real request (the issue saw INTERNAL at 50 levels).
import fc from 'fast-check';
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

/** A Value nested `depth` levels deep, alternating structs and lists. */
export function deepValue(depth: number): ValueInit {
  let value: ValueInit = { kind: { case: 'stringValue', value: 'bottom' } };
  for (let i = 0; i < depth; i++) {
    value =
      i % 2 === 0
        ? { kind: { case: 'structValue', value: { fields: { k: value } } } }
        : { kind: { case: 'listValue', value: { values: [value] } } };
  }
  return value;
}

const depth = fc.oneof(fc.constantFrom(49, 50, 51, 100, 200), fc.integer({ min: 1, max: 300 }));

export const valueArbitrary: fc.Arbitrary<ValueInit> = fc.oneof(
  { weight: 3, arbitrary: tree.value },
  { weight: 1, arbitrary: depth.map(deepValue) },
);

export const structArbitrary: fc.Arbitrary<StructInit> = fc.oneof(
  { weight: 3, arbitrary: tree.struct },
  { weight: 1, arbitrary: depth.map((d) => ({ fields: { deep: deepValue(d) } })) },
);

export const listValueArbitrary = fc
  .array(valueArbitrary, { maxLength: 3 })
  .map((values) => ({ values }));
