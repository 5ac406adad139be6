import { create } from '@bufbuild/protobuf';
import { ReportOutcomeRequestSchema } from '@sluice/proto';
import { outcomeViolations } from './outcome-input.js';

const request = (over: { quantity?: bigint; valueUsd?: string }) =>
  create(ReportOutcomeRequestSchema, {
    idempotencyKey: 'k',
    outcome: 'sale',
    decisionIds: ['d'],
    ...over,
  });
const fields = (over: { quantity?: bigint; valueUsd?: string }) =>
  outcomeViolations(request(over)).map((v) => v.field);

describe('outcomeViolations: quantity and value_usd bounds', () => {
  it.each([
    [undefined, []],
    [1n, []],
    [1_000_000_000n, []],
    [0n, ['quantity']],
    [-5n, ['quantity']],
    [1_000_000_001n, ['quantity']],
    [2n ** 63n - 1n, ['quantity']],
  ])('quantity %p -> %j', (quantity, expected) => {
    expect(fields(quantity === undefined ? {} : { quantity })).toEqual(expected);
  });

  it.each([
    ['', []],
    ['12.5', []],
    ['-0.000000000001', []],
    [`${'9'.repeat(26)}.999999999999`, []],
    [`-${'9'.repeat(26)}`, []],
    [`${'0'.repeat(30)}1`, []],
    ['9'.repeat(27), ['value_usd']],
    ['1'.repeat(40), ['value_usd']],
    ['1.0000000000001', ['value_usd']],
    ['1e5', ['value_usd']],
  ])('value_usd %p -> %j', (valueUsd, expected) => {
    expect(fields({ valueUsd })).toEqual(expected);
  });
});
