// The suite's encoder: deep chains become the bytes protobuf-es would write, without recursion.
import { fromBinary, toJson, type JsonValue } from '@bufbuild/protobuf';
import { ListValueSchema, StructSchema, ValueSchema } from '@bufbuild/protobuf/wkt';
import { RouterService } from '@sluice/proto';
import { chainBytes, deepChain, type DeepType } from './deep-chains.js';
import { encode } from './encode.js';

/** The JSON a chain of `depth` levels stands for, built as chainBytes builds it. */
function chainJson(type: DeepType, depth: number): JsonValue {
  let value: JsonValue = 'bottom';
  for (let level = depth - 1; level >= 0; level--) {
    const isObject = (level % 2 === 0) === (type !== 'list');
    value = isObject ? { k: value } : [value];
  }
  return value;
}

const schemas = { struct: StructSchema, value: ValueSchema, list: ListValueSchema } as const;
const route = RouterService.method.route.input;

describe('deep chains', () => {
  it.each([
    ['struct', 1],
    ['struct', 16],
    ['list', 17],
    ['value', 30],
  ] as const)('a %s chain of %i levels decodes to that JSON', (type, depth) => {
    const decoded = fromBinary(schemas[type], chainBytes({ type, depth }));
    expect(toJson(schemas[type], decoded)).toEqual(chainJson(type, depth));
  });

  it('merges a chain into the message that holds it, beside its other fields', () => {
    const bytes = encode(route, {
      policy: { name: 'default' },
      parameters: { temperature: 0.5, extra: deepChain('struct', 3) },
    });
    const request = fromBinary(route, bytes);
    expect([request.policy?.name, request.parameters?.temperature]).toEqual(['default', 0.5]);
    expect(request.parameters?.extra).toEqual({ k: [{ k: 'bottom' }] });
  });

  it('writes a list or map holding a chain whole, in order', () => {
    const list = encode(ListValueSchema, {
      values: [{ kind: { case: 'numberValue', value: 1 } }, deepChain('value', 2)],
    });
    expect(toJson(ListValueSchema, fromBinary(ListValueSchema, list))).toEqual([
      1,
      { k: ['bottom'] },
    ]);
    const struct = encode(StructSchema, {
      fields: { a: { kind: { case: 'boolValue', value: true } }, b: deepChain('value', 1) },
    });
    expect(toJson(StructSchema, fromBinary(StructSchema, struct))).toEqual({
      a: true,
      b: { k: 'bottom' },
    });
  });

  it('writes chains far deeper than protobuf-es can itself, without recursion', () => {
    const bytes = encode(route, { parameters: { extra: deepChain('struct', 5_000) } });
    expect(bytes.length).toBeGreaterThan(5_000 * 4);
    expect(() => fromBinary(route, bytes)).toThrow(/depth|recursion|limit/i);
  });
});
