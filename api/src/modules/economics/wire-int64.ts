/** The largest value economics.proto's int64 counts can carry. */
export const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * An exact bigint sum or ratio as an int64 field: saturated at the type's bounds instead of making
 * protobuf refuse to encode the whole reply (INTERNAL for every window holding the rows). Inputs
 * are bounded at the edge, so only rows from before a bound, or prices no one should set, get here.
 */
export const wireInt64 = (value: bigint): bigint =>
  value > INT64_MAX ? INT64_MAX : value < INT64_MIN ? INT64_MIN : value;
