// Struct/Value/ListValue chains nested hundreds of levels, written to bytes with a loop.
// protobuf-es's create/toBinary recurse a few frames per level, so a chain of a few hundred
// levels overflowed the test process's own stack before the request was ever sent (and only on
// some runs: how much stack a level takes depends on what V8 has compiled by then). A chain is
// therefore a marker in the init object, `{ $deep: { type, depth } }`, that `encode` cuts out
// and appends as field records: protobuf merges repeated occurrences of a singular message field,
// so the server decodes the same request it would from one piece.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

export type DeepType = 'struct' | 'value' | 'list';
export interface DeepChain {
  readonly $deep: { readonly type: DeepType; readonly depth: number };
}

/** A Struct (JSON object), Value or ListValue nesting `depth` levels of objects and lists. */
export const deepChain = (type: DeepType, depth: number): DeepChain => ({
  $deep: { type, depth },
});

export const isDeepChain = (value: unknown): value is DeepChain =>
  typeof value === 'object' && value !== null && '$deep' in value;

/** Field `no` holding `payload` (a message or a string's bytes). */
export const record = (no: number, payload: Uint8Array): Uint8Array =>
  new BinaryWriter().tag(no, WireType.LengthDelimited).bytes(payload).finish();

// google/protobuf/struct.proto: Struct.fields = 1 (map entries: key 1, value 2); Value:
// string_value = 3, struct_value = 5, list_value = 6; ListValue.values = 1.
const entry = (key: string, value: Uint8Array): Uint8Array =>
  record(
    1,
    new BinaryWriter()
      .tag(1, WireType.LengthDelimited)
      .string(key)
      .tag(2, WireType.LengthDelimited)
      .bytes(value)
      .finish(),
  );

/**
 * The chain's bytes: levels alternate objects and lists, the outermost being the Struct (or
 * the Value's struct), so `depth` counts levels as the API's parameters.extra bound does.
 */
export function chainBytes({ type, depth }: DeepChain['$deep']): Uint8Array {
  const outerIsObject = type !== 'list';
  let value: Uint8Array = new BinaryWriter()
    .tag(3, WireType.LengthDelimited)
    .string('bottom')
    .finish();
  let container: Uint8Array = value;
  for (let level = Math.max(depth, 1) - 1; level >= 0; level--) {
    const isObject = level % 2 === 0 ? outerIsObject : !outerIsObject;
    container = isObject ? entry('k', value) : record(1, value);
    value = record(isObject ? 5 : 6, container);
  }
  return type === 'value' ? value : container;
}
