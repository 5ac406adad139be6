// The leaves of generated requests: values chosen to break things that assume ASCII, bounded
// numbers or sane timestamps. Every arbitrary here is over plain JS values as protobuf-es v2
// takes them in an init object (int64 as bigint, enums as numbers).
import { ScalarType } from '@bufbuild/protobuf';
import fc from 'fast-check';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const UINT64 = { min: 0n, max: 2n ** 64n - 1n };

/** Strings people and attackers send: each one broke, or could break, a header or a query. */
export const NASTY_STRINGS = [
  '',
  ' ',
  'équipe',
  'pölicy',
  'usér',
  'ключ',
  '数据',
  '💥',
  'a\nb',
  'a\r\nb',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'a\udfffb',
  '\u202e',
  '%',
  '%zz',
  '%00',
  'tags[team]',
  "'; DROP TABLE route_decisions; --",
  '{"a":1}',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(129),
  'a'.repeat(257),
] as const;

/** Values the API's own checks look for, so mutations also produce the near-valid ones. */
const PLAUSIBLE_STRINGS = [
  'team',
  'search',
  'default',
  'ticket_resolved',
  'classification',
  'user',
  'assistant',
  'tier',
  'model',
  'tag:team',
  '0.5',
  '-3.5',
  '1234567890123456789012345678901234567890',
  '1.0000000000001',
  'd-1',
] as const;

/** A very long string of one (possibly multi-byte or NUL) character. */
const longString = fc
  .tuple(
    fc.constantFrom('a', 'é', '\u0000', 'ключ', '\n', '💥'),
    fc.integer({ min: 300, max: 100_000 }),
  )
  .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)));

/** A plausible value with one control or non-ASCII character slipped in: passes most checks. */
/** `value` with one control or non-ASCII character (NUL most often) slipped in somewhere. */
export const taintOf = (value: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('\u0000', '\u0000', '\n', '\r', '\u0001', 'é', '\ud800'), fc.nat())
    .map(([taint, at]) => {
      const i = at % (value.length + 1);
      return value.slice(0, i) + taint + value.slice(i);
    });

const tainted = fc.constantFrom(...PLAUSIBLE_STRINGS).chain(taintOf);

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: tainted },
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Any code point, lone surrogates included.
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: longString },
);

const int32 = fc.oneof(
  fc.constantFrom(0, 1, -1, INT32.min, INT32.max, 1000, 2_000_000_000),
  fc.integer(INT32),
);
const uint32 = fc.oneof(
  fc.constantFrom(0, 1, 2 ** 32 - 1),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
);
const int64 = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, INT64.min, INT64.max, 2n ** 53n, 10n ** 14n, -(10n ** 14n)),
  fc.bigInt(INT64),
);
const uint64 = fc.oneof(fc.constantFrom(0n, 1n, UINT64.max), fc.bigInt(UINT64));
const double = fc.oneof(
  fc.constantFrom(0, -0, 0.5, 1, 2, 2.0000001, -1, Number.NaN, Infinity, -Infinity, 1e308),
  fc.double(),
);

const float = fc.oneof(fc.constantFrom(0, Number.NaN, Infinity), fc.float());

const SCALARS: Readonly<Record<ScalarType, fc.Arbitrary<unknown>>> = {
  [ScalarType.STRING]: nastyString,
  [ScalarType.BYTES]: fc.uint8Array({ maxLength: 64 }),
  [ScalarType.BOOL]: fc.boolean(),
  [ScalarType.DOUBLE]: double,
  [ScalarType.FLOAT]: float,
  [ScalarType.INT32]: int32,
  [ScalarType.SINT32]: int32,
  [ScalarType.SFIXED32]: int32,
  [ScalarType.UINT32]: uint32,
  [ScalarType.FIXED32]: uint32,
  [ScalarType.INT64]: int64,
  [ScalarType.SINT64]: int64,
  [ScalarType.SFIXED64]: int64,
  [ScalarType.UINT64]: uint64,
  [ScalarType.FIXED64]: uint64,
};

const LONGS = new Set([
  ScalarType.INT64,
  ScalarType.SINT64,
  ScalarType.SFIXED64,
  ScalarType.UINT64,
  ScalarType.FIXED64,
]);

/** A value for a scalar field; `longAsString` fields take 64-bit integers as decimal strings. */
export function scalarArbitrary(type: ScalarType, longAsString = false): fc.Arbitrary<unknown> {
  return longAsString && LONGS.has(type) ? SCALARS[type].map(String) : SCALARS[type];
}

/** An enum value: a known one, or any int32 (proto3 enums are open; the server must cope). */
export function enumArbitrary(numbers: readonly number[]): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...numbers) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(-1, 99, INT32.max, INT32.min), int32) },
  );
}

const NOW_SECONDS = BigInt(Math.floor(Date.now() / 1000));

/**
 * google.protobuf.Timestamp: plausible instants and the edges of what it allows
 * (0001-01-01 .. 9999-12-31) and far past them, with nanos out of range too.
 */
export const timestampArbitrary = fc.record({
  seconds: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.bigInt({ min: NOW_SECONDS - 86_400n * 400n, max: NOW_SECONDS + 600n }),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        0n,
        -62_135_596_800n,
        -62_135_596_801n,
        253_402_300_799n,
        253_402_300_800n,
        10n ** 14n,
        -(10n ** 14n),
        8_640_000_000_000n,
        INT64.max,
        INT64.min,
      ),
    },
    { weight: 1, arbitrary: int64 },
  ),
  nanos: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 999_999_999) },
    { weight: 1, arbitrary: fc.constantFrom(-1, 1_000_000_000, INT32.max, INT32.min) },
  ),
});
