// Converts JSON into CEL values the way apiextensions-apiserver's UnstructuredToVal types them
// from the schema: `integer` (and the int side of int-or-string) is a CEL int (BigInt in
// cel-js), `number` is a double even when whole, so `count % tp` works on ints and
// `utilization <= 0.98` compares doubles. Schema-less (preserved) numbers are ints when whole.
import { additionalSchema, isJsonObject, type StructuralSchema } from './types.js';

export function toCelValue(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (typeof value === 'number') return toCelNumber(value, schema);
  // Array.from, not map: a copy in this realm. Under jest's VM, JSON.parse (e.g. of a request
  // body) yields arrays of the outer realm, which cel-js does not recognise as lists.
  if (Array.isArray(value)) return Array.from(value, (item) => toCelValue(item, schema?.items));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = toCelValue(child, schema?.properties?.[key] ?? additionalSchema(schema));
  }
  return out;
}

function toCelNumber(value: number, schema: StructuralSchema | undefined): number | bigint {
  return Number.isInteger(value) && schema?.type !== 'number' ? BigInt(value) : value;
}
