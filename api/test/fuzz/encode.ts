// Init objects to request bytes with protobuf-es, the deep chains (deep-chains.ts) cut out first
// and appended as field records written without recursion. The rest of an init object nests a
// few levels, so walking it recursively is safe.
import {
  create,
  fromJson,
  ScalarType,
  toBinary,
  type DescField,
  type DescMessage,
  type JsonValue,
} from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { chainBytes, isDeepChain, record } from './deep-chains.js';

type Init = Record<string, unknown>;

interface Split {
  /** `init` without chains, for protobuf-es. */
  readonly init: Init;
  /** Field records to append to its encoding. */
  readonly tail: Uint8Array[];
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** A Struct in a field (not inside a Value) is a plain JSON object in protobuf-es. */
const isJsonStruct = (field: DescField, parent: DescMessage): boolean =>
  field.message?.typeName === 'google.protobuf.Struct' &&
  parent.typeName !== 'google.protobuf.Value';

/** `value`, a `field.message` init or a chain, as message bytes. */
function messageBytes(field: DescField, parent: DescMessage, value: unknown): Uint8Array {
  if (isDeepChain(value)) return chainBytes(value.$deep);
  const desc = field.message as DescMessage;
  if (isJsonStruct(field, parent)) return toBinary(desc, fromJson(desc, value as JsonValue));
  return encodeMessage(desc, value as Init);
}

/** Whether `value` (a `field.message` init, never JSON) holds a chain anywhere. */
function holdsChain(field: DescField, parent: DescMessage, value: unknown): boolean {
  if (isDeepChain(value)) return true;
  if (isJsonStruct(field, parent)) return false;
  return split(field.message as DescMessage, value as Init).tail.length > 0;
}

/** The field's value in `init`: a plain key, or inside its oneof's { case, value }. */
function valueIn(init: Init, field: DescField): unknown {
  if (field.oneof === undefined) return init[field.localName];
  const slot = init[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
  return slot?.case === field.localName ? slot.value : undefined;
}

/**
 * How one field with chains is written: `keep` replaces its value in the init object (undefined:
 * removed), `tail` are its records. Undefined when the field holds no chain.
 */
type FieldSplit = { readonly keep: unknown; readonly tail: Uint8Array[] } | undefined;

function splitMessage(field: DescField, parent: DescMessage, value: unknown): FieldSplit {
  if (isDeepChain(value))
    return { keep: undefined, tail: [record(field.number, chainBytes(value.$deep))] };
  if (isJsonStruct(field, parent)) return undefined;
  const inner = split(field.message as DescMessage, value as Init);
  if (inner.tail.length === 0) return undefined;
  // A second occurrence of a singular message field merges into the first.
  const keep =
    field.oneof === undefined ? inner.init : { case: field.localName, value: inner.init };
  return { keep, tail: [record(field.number, concat(inner.tail))] };
}

/** A list with a chain goes to the tail whole, in order. */
function splitList(field: DescField, parent: DescMessage, items: unknown[]): FieldSplit {
  if (!items.some((item) => holdsChain(field, parent, item))) return undefined;
  return {
    keep: undefined,
    tail: items.map((item) => record(field.number, messageBytes(field, parent, item))),
  };
}

/** A map with a chain goes to the tail whole, an entry (key 1, value 2) per record. */
function splitMap(field: DescField, parent: DescMessage, map: Init): FieldSplit {
  const entries = Object.entries(map);
  if (!entries.some(([, item]) => holdsChain(field, parent, item))) return undefined;
  // Struct.fields is the only map of messages that can hold a chain.
  if (field.fieldKind !== 'map' || field.mapKey !== ScalarType.STRING)
    throw new Error(`${field.name}: a chain under a non-string map key`);
  const entry = (key: string, item: unknown) =>
    new BinaryWriter()
      .tag(1, WireType.LengthDelimited)
      .string(key)
      .tag(2, WireType.LengthDelimited)
      .bytes(messageBytes(field, parent, item))
      .finish();
  return {
    keep: undefined,
    tail: entries.map(([k, item]) => record(field.number, entry(k, item))),
  };
}

function splitField(field: DescField, parent: DescMessage, value: unknown): FieldSplit {
  if (value === undefined || value === null || field.message === undefined) return undefined;
  if (field.fieldKind === 'list') return splitList(field, parent, value as unknown[]);
  if (field.fieldKind === 'map') return splitMap(field, parent, value as Init);
  return splitMessage(field, parent, value);
}

function split(desc: DescMessage, init: Init): Split {
  const out: Init = { ...init };
  const tail: Uint8Array[] = [];
  for (const field of desc.fields) {
    const parts = splitField(field, desc, valueIn(init, field));
    if (parts === undefined) continue;
    const key = field.oneof === undefined ? field.localName : field.oneof.localName;
    if (parts.keep === undefined) delete out[key];
    else out[key] = parts.keep;
    tail.push(...parts.tail);
  }
  return { init: out, tail };
}

function encodeMessage(desc: DescMessage, init: Init): Uint8Array {
  const { init: rest, tail } = split(desc, init);
  return concat([toBinary(desc, create(desc, rest)), ...tail]);
}

/** `init` as `desc` bytes; deep chains are written without recursion. */
export const encode = (desc: DescMessage, init: Init): Buffer =>
  Buffer.from(encodeMessage(desc, init));
