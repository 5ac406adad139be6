import { create, toBinary } from '@bufbuild/protobuf';
import { OutcomeCostSchema } from '@sluice/proto';
import { INT64_MAX, wireInt64 } from './wire-int64.js';

describe('wireInt64', () => {
  it.each([
    [0n, 0n],
    [12n, 12n],
    [INT64_MAX, INT64_MAX],
    [INT64_MAX + 1n, INT64_MAX],
    [2n * INT64_MAX, INT64_MAX],
    [-(2n ** 63n), -(2n ** 63n)],
    [-(2n ** 70n), -(2n ** 63n)],
  ])('%p -> %p, which protobuf encodes', (value, wire) => {
    expect(wireInt64(value)).toBe(wire);
    const encode = (count: bigint) =>
      toBinary(OutcomeCostSchema, create(OutcomeCostSchema, { count }));
    expect(() => encode(wireInt64(value))).not.toThrow();
  });
});
