import { AnySchema } from '@bufbuild/protobuf/wkt';
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import {
  BAD_REQUEST_TYPE_URL,
  decodeStatusDetails,
  encodeStatusDetails,
} from './status-details.js';
import { boundViolations, MAX_VIOLATIONS_SENT } from './status-trailers.js';

describe('google.rpc.Status with a BadRequest', () => {
  it.each([
    [
      {
        code: 3,
        message: 'tags["équipe"]: bad',
        violations: [{ field: 'tags["a\nb"]', description: 'é' }],
      },
    ],
    [{ code: 5, message: 'not found', violations: [] }],
    [
      {
        code: 3,
        message: 'two',
        violations: [
          { field: 'a', description: 'x' },
          { field: 'b', description: '' },
        ],
      },
    ],
  ])('round-trips %j', (status) => {
    expect(decodeStatusDetails(encodeStatusDetails(status))).toEqual(status);
  });

  it('puts the BadRequest in details[0] as a google.protobuf.Any any library can unpack', () => {
    const bytes = encodeStatusDetails({
      code: 3,
      message: 'm',
      violations: [{ field: 'f', description: 'd' }],
    });
    const reader = new BinaryReader(bytes);
    const seen: number[] = [];
    let any: Uint8Array | undefined;
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      seen.push(field);
      if (field === 3) any = reader.bytes();
      else reader.skip(wireType);
    }
    expect(seen).toEqual([1, 2, 3]);
    const unpacked = fromBinary(AnySchema, any!);
    expect(unpacked.typeUrl).toBe(BAD_REQUEST_TYPE_URL);
    // BadRequest { FieldViolation { field = 1 "f"; description = 2 "d" } }
    expect([...unpacked.value]).toEqual([0x0a, 6, 0x0a, 1, 0x66, 0x12, 1, 0x64]);
  });
});

describe('boundViolations', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ field: `f${i}`, description: 'd' }));

  it.each([
    [0, 0, 0],
    [1, 1, 0],
    [MAX_VIOLATIONS_SENT, MAX_VIOLATIONS_SENT, 0],
    [MAX_VIOLATIONS_SENT + 1, MAX_VIOLATIONS_SENT, 1],
    [10_000, MAX_VIOLATIONS_SENT, 10_000 - MAX_VIOLATIONS_SENT],
  ])('of %i violations lists %i and counts %i more', (n, listed, omitted) => {
    const bounded = boundViolations(many(n));
    expect(bounded.listed).toHaveLength(listed);
    expect(bounded.omitted).toBe(omitted);
  });

  it('cuts a huge field and description', () => {
    const [v] = boundViolations([
      { field: 'x'.repeat(10_000), description: 'é'.repeat(10_000) },
    ]).listed;
    expect(new TextEncoder().encode(v!.field).length).toBeLessThanOrEqual(128);
    expect(new TextEncoder().encode(v!.description).length).toBeLessThanOrEqual(256);
  });
});
