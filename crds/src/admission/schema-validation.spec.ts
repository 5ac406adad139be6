import { formatFieldError, validateObject } from './index.js';

// One small schema exercising every OpenAPI keyword the server maps to a kube message.
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['model'],
      properties: {
        model: { type: 'string', minLength: 2, maxLength: 10, pattern: '^[a-z]+$' },
        mode: { type: 'string', enum: ['Auto', 'Manual'] },
        bits: { type: 'integer', enum: [4, 8] },
        replicas: { type: 'integer', minimum: 1, maximum: 100 },
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 0.98 },
        big: { type: 'integer', maximum: 1000000 },
        port: { 'x-kubernetes-int-or-string': true },
        url: { type: 'string', format: 'uri' },
        note: { type: 'string', nullable: true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        tiers: {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          items: { type: 'object', properties: { name: { type: 'string' } } },
        },
        names: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        routes: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name', 'port'],
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, port: { type: 'integer', default: 80 } },
          },
        },
      },
    },
  },
};

const messages = (spec: Record<string, unknown>) =>
  validateObject({ schema, object: { spec: { model: 'llama', ...spec } } }).map(formatFieldError);

describe('validateObject: OpenAPI schema errors worded as kube-apiserver', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'pattern',
      { model: 'Ab' },
      `spec.model: Invalid value: "Ab": spec.model in body should match '^[a-z]+$'`,
    ],
    [
      'minLength',
      { model: 'a' },
      'spec.model: Invalid value: "a": spec.model in body should be at least 2 chars long',
    ],
    ['maxLength', { model: 'abcdefghijk' }, 'spec.model: Too long: may not be more than 10 bytes'],
    [
      'enum',
      { mode: 'foo' },
      'spec.mode: Unsupported value: "foo": supported values: "Auto", "Manual"',
    ],
    ['integer enum', { bits: 3 }, 'spec.bits: Unsupported value: 3: supported values: "4", "8"'],
    [
      'maximum',
      { replicas: 300 },
      'spec.replicas: Invalid value: 300: spec.replicas in body should be less than or equal to 100',
    ],
    [
      'minimum',
      { replicas: 0 },
      'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    ],
    [
      'double maximum',
      { ratio: 0.99 },
      'spec.ratio: Invalid value: 0.99: spec.ratio in body should be less than or equal to 0.98',
    ],
    [
      'exclusive minimum',
      { ratio: 0 },
      'spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0',
    ],
    [
      'large limit',
      { big: 2000000 },
      'spec.big: Invalid value: 2000000: spec.big in body should be less than or equal to 1000000',
    ],
    [
      'type',
      { replicas: 'x' },
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ],
    [
      'type of a double',
      { replicas: 1.5 },
      'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
    ],
    [
      'int-or-string',
      { port: true },
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    ],
    [
      'null',
      { model: null },
      'spec.model: Invalid value: "null": spec.model in body must be of type string: "null"',
    ],
    [
      'format',
      { url: 'not a uri' },
      'spec.url: Invalid value: "not a uri": spec.url in body must be of type uri: "not a uri"',
    ],
    [
      'map value',
      { labels: { a: 1 } },
      'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
    ],
    ['maxItems', { tiers: [{}, {}, {}] }, 'spec.tiers: Too many: 3: must have at most 2 items'],
    [
      'minItems',
      { tiers: [] },
      'spec.tiers: Invalid value: 0: spec.tiers in body should have at least 1 items',
    ],
    [
      'item field',
      { tiers: [{ name: 1 }] },
      'spec.tiers[0].name: Invalid value: "integer": spec.tiers[0].name in body must be of type string: "integer"',
    ],
    ['set duplicate', { names: ['a', 'b', 'a'] }, 'spec.names[2]: Duplicate value: "a"'],
    [
      'map-list duplicate (missing key counts as its default)',
      { routes: [{ name: 'a', port: 80 }, { name: 'b' }, { name: 'a' }] },
      'spec.routes[2]: Duplicate value: {"name":"a","port":80}',
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(spec)).toEqual([expected]);
  });

  it('reports a missing field after the errors of its siblings, as kube-openapi does', () => {
    const object = { spec: { replicas: 300 } };
    expect(validateObject({ schema, object }).map(formatFieldError)).toEqual([
      'spec.replicas: Invalid value: 300: spec.replicas in body should be less than or equal to 100',
      'spec.model: Required value',
    ]);
  });

  it('reports a missing required field', () => {
    expect(validateObject({ schema, object: { spec: {} } }).map(formatFieldError)).toEqual([
      'spec.model: Required value',
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a valid object', { mode: 'Auto', replicas: 3, ratio: 0.9, port: 'http', labels: { a: 'b' } }],
    ['an integer for int-or-string', { port: 8080 }],
    ['null where nullable', { note: null }],
    ['distinct map-list keys', { routes: [{ name: 'a' }, { name: 'a', port: 81 }] }],
  ])('accepts %s', (_name, spec) => {
    expect(messages(spec)).toEqual([]);
  });

  it('skips what JavaScript cannot check (RE2-only patterns, unknown formats) instead of failing', () => {
    const lenient = {
      type: 'object',
      properties: {
        a: { type: 'string', pattern: '(?i)^abc$' },
        b: { type: 'string', format: 'k8s-short-name' },
      },
    };
    expect(validateObject({ schema: lenient, object: { a: 'ABC', b: 'x' } })).toEqual([]);
  });

  it('compiles each schema once and still validates other schemas', () => {
    const other = { type: 'object', properties: { spec: { type: 'string' } } };
    expect(validateObject({ schema: other, object: { spec: 1 } })).toHaveLength(1);
    expect(validateObject({ schema: other, object: { spec: 'x' } })).toEqual([]);
  });
});
