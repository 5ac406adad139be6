import { formatFieldError, validateObject, type ValidationRule } from './index.js';

// A spec with typed fields: ints, doubles, strings and a map-type list keyed by name.
const schemaWith = (rules: ValidationRule[], itemRules: ValidationRule[] = []) => ({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      'x-kubernetes-validations': rules,
      properties: {
        ints: { type: 'array', items: { type: 'integer' } },
        doubles: { type: 'array', items: { type: 'number' } },
        name: { type: 'string' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            'x-kubernetes-validations': itemRules,
            properties: { name: { type: 'string' }, port: { type: 'integer' } },
          },
        },
      },
    },
  },
});

const spec = { ints: [1, 2, 3], doubles: [0.5, 0.25], name: 'llama-3.1-8b' };

describe('Kubernetes CEL library functions', () => {
  it.each<[string]>([
    ['self.ints.isSorted()'],
    ['self.ints.sum() == 6'],
    ['self.doubles.sum() == 0.75'],
    ['self.ints.min() == 1 && self.ints.max() == 3'],
    ['self.ints.indexOf(2) == 1 && self.ints.lastIndexOf(9) == -1'],
    ['self.name.find("[0-9]+") == "3"'],
    ['self.name.findAll("[0-9]+") == ["3", "1", "8"]'],
    ['self.name.charAt(0) == "l" && self.name.reverse().startsWith("b8")'],
    ['self.name.replace("-", "_") == "llama_3.1_8b"'],
    ['self.name.lowerAscii().split("-").size() == 3'],
    ['self.name.matches("^llama") && self.name.contains("3.1")'],
  ])('%s', (rule) => {
    expect(validateObject({ schema: schemaWith([{ rule }]), object: { spec } })).toEqual([]);
  });

  it('reports a function the library lacks (quantity) as a rule compile error', () => {
    const rule = 'quantity(self.name).isGreaterThan(quantity("1Gi"))';
    const errors = validateObject({ schema: schemaWith([{ rule }]), object: { spec } });
    expect(errors.map(formatFieldError)).toEqual([
      `spec: Invalid value: "object": rule compile error: compilation failed: found no matching overload for 'quantity(dyn)'`,
    ]);
  });
});

describe('oldSelf', () => {
  const portImmutable: ValidationRule = {
    rule: 'self.port == oldSelf.port',
    message: 'port is immutable',
  };

  it('correlates map-type list items by key, so a new item has no oldSelf', () => {
    const schema = schemaWith([], [portImmutable]);
    const oldObject = { spec: { ports: [{ name: 'http', port: 80 }] } };
    const object = {
      spec: {
        ports: [
          { name: 'grpc', port: 9000 },
          { name: 'http', port: 81 },
        ],
      },
    };
    expect(validateObject({ schema, object, oldObject }).map(formatFieldError)).toEqual([
      'spec.ports[1]: Invalid value: "object": port is immutable',
    ]);
  });

  it('runs optionalOldSelf rules on create with oldSelf as an empty optional', () => {
    const rule = {
      rule: '!oldSelf.hasValue() || self.name == oldSelf.value().name',
      optionalOldSelf: true,
    };
    const schema = schemaWith([{ ...rule, message: 'name is immutable' }]);
    expect(validateObject({ schema, object: { spec } })).toEqual([]);
    const errors = validateObject({ schema, object: { spec }, oldObject: { spec: { name: 'x' } } });
    expect(errors.map(formatFieldError)).toEqual([
      'spec: Invalid value: "object": name is immutable',
    ]);
  });
});
