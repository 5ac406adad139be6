import { create, toBinary } from '@bufbuild/protobuf';
import { ReportOutcomeRequestSchema, RouteRequestSchema } from '@sluice/proto';
import { structFieldPath } from './deep-field.js';
import { decodeRequest, requireDecoded } from './request-decoding.js';
import { SluiceError } from './sluice-error.js';

const route = (fields: object) => toBinary(RouteRequestSchema, create(RouteRequestSchema, fields));

function deep(levels: number): { a: unknown } {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as { a: unknown };
}

describe('structFieldPath', () => {
  it.each([
    ['a Struct under parameters', route({ parameters: { extra: { a: 1 } } }), 'parameters.extra'],
    ['no Struct', route({ taskLabel: 'x' }), undefined],
    ['garbage', new Uint8Array([0x08, 0xff]), undefined],
  ])('finds %s', (_, bytes, path) => {
    expect(structFieldPath(RouteRequestSchema, bytes)).toBe(path);
  });

  it('finds nothing in a message without Struct fields', () => {
    const bytes = toBinary(
      ReportOutcomeRequestSchema,
      create(ReportOutcomeRequestSchema, { idempotencyKey: 'k' }),
    );
    expect(structFieldPath(ReportOutcomeRequestSchema, bytes)).toBeUndefined();
  });
});

describe('decodeRequest and requireDecoded', () => {
  const violationOf = (bytes: Uint8Array) => {
    try {
      requireDecoded(decodeRequest(RouteRequestSchema, bytes));
    } catch (error) {
      return (error as SluiceError).violations[0];
    }
    return undefined;
  };

  it.each([
    ['a valid request', route({ taskLabel: 'x' }), undefined],
    [
      'garbage',
      new Uint8Array([0x0a, 0x05, 0x01]),
      { field: 'request', description: 'is not a valid sluice.v1.RouteRequest message' },
    ],
    [
      'a Struct past the decoder limit',
      route({ parameters: { extra: deep(60) } }),
      {
        field: 'parameters.extra',
        description: 'nests too deep to decode (protobuf-es decodes 100 levels)',
      },
    ],
  ])('%s', (_, bytes, violation) => {
    expect(violationOf(bytes)).toEqual(violation);
  });

  it('throws a SluiceError', () => {
    const marker = decodeRequest(RouteRequestSchema, new Uint8Array([0xff]));
    expect(() => requireDecoded(marker)).toThrow(SluiceError);
  });
});
