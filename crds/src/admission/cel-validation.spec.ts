import { formatFieldError, validateObject, type ValidationRule } from './index.js';

// A resource whose spec carries the given rules; the fields cover ints, doubles, lists and maps.
function schemaWith(rules: ValidationRule[], extra: Record<string, unknown> = {}) {
  return {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-validations': rules,
        properties: {
          minReplicas: { type: 'integer' },
          maxReplicas: { type: 'integer' },
          count: { type: 'integer' },
          tp: { type: 'integer' },
          gpuMemoryUtilization: { type: 'number' },
          model: { type: 'string' },
          tiers: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, weight: { type: 'integer' } },
              'x-kubernetes-validations': [
                { rule: 'self.weight > 0', message: 'weight must be positive' },
              ],
            },
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
              'x-kubernetes-validations': [{ rule: 'self.size() <= 3' }],
            },
          },
          ...extra,
        },
      },
    },
  };
}

const run = (rules: ValidationRule[], spec: unknown, oldSpec?: unknown) =>
  validateObject({
    schema: schemaWith(rules),
    object: { spec },
    ...(oldSpec === undefined ? {} : { oldObject: { spec: oldSpec } }),
  }).map(formatFieldError);

const minMax: ValidationRule = {
  rule: 'self.minReplicas <= self.maxReplicas',
  message: 'must be less than or equal to maxReplicas',
  fieldPath: '.minReplicas',
};

describe('validateObject: x-kubernetes-validations', () => {
  it.each<[string, ValidationRule[], unknown, string[]]>([
    ['minReplicas <= maxReplicas holds', [minMax], { minReplicas: 1, maxReplicas: 2 }, []],
    [
      'minReplicas <= maxReplicas fails at fieldPath',
      [minMax],
      { minReplicas: 5, maxReplicas: 2 },
      ['spec.minReplicas: Invalid value: "object": must be less than or equal to maxReplicas'],
    ],
    [
      'default message quotes the rule',
      [{ rule: 'self.minReplicas <= self.maxReplicas' }],
      { minReplicas: 5, maxReplicas: 2 },
      ['spec: Invalid value: "object": failed rule: self.minReplicas <= self.maxReplicas'],
    ],
    ['has() on an absent field', [{ rule: '!has(self.model) || self.model != ""' }], {}, []],
    [
      'an absent field without has() is "no such key"',
      [{ rule: 'self.model == "x"' }],
      {},
      ['spec: Invalid value: "object": no such key: model evaluating rule: self.model == "x"'],
    ],
    [
      'all() over list items',
      [{ rule: 'self.tiers.all(t, t.name.startsWith("t"))' }],
      { tiers: [{ name: 'ta', weight: 1 }] },
      [],
    ],
    [
      'exists() failing',
      [{ rule: 'self.tiers.exists(t, t.name.matches("^gold$"))', message: 'needs a gold tier' }],
      { tiers: [{ name: 'silver', weight: 1 }] },
      ['spec: Invalid value: "object": needs a gold tier'],
    ],
    [
      'a rule on list items reports the item',
      [],
      {
        tiers: [
          { name: 'a', weight: 1 },
          { name: 'b', weight: 0 },
        ],
      },
      ['spec.tiers[1]: Invalid value: "object": weight must be positive'],
    ],
    [
      'a rule on map values reports the key in brackets',
      [],
      { labels: { ok: 'abc', bad: 'abcd' } },
      ['spec.labels[bad]: Invalid value: "string": failed rule: self.size() <= 3'],
    ],
    [
      'a double compared with a double literal',
      [{ rule: 'self.gpuMemoryUtilization <= 0.98' }],
      { gpuMemoryUtilization: 0.9 },
      [],
    ],
    [
      'a whole double is still a double',
      [{ rule: 'self.gpuMemoryUtilization <= 0.98' }],
      { gpuMemoryUtilization: 1 },
      ['spec: Invalid value: "object": failed rule: self.gpuMemoryUtilization <= 0.98'],
    ],
    [
      'integer arithmetic on ints',
      [{ rule: 'self.count % self.tp == 0' }],
      { count: 8, tp: 4 },
      [],
    ],
    [
      'integer arithmetic failing',
      [{ rule: 'self.count % self.tp == 0', message: 'count must be a multiple of tp' }],
      { count: 6, tp: 4 },
      ['spec: Invalid value: "object": count must be a multiple of tp'],
    ],
    [
      'messageExpression',
      [
        {
          rule: 'self.count <= 8',
          messageExpression: '"count " + string(self.count) + " exceeds 8"',
        },
      ],
      { count: 9 },
      ['spec: Invalid value: "object": count 9 exceeds 8'],
    ],
    [
      'reason Forbidden',
      [
        {
          rule: '!has(self.model)',
          message: 'model is set by the operator',
          reason: 'FieldValueForbidden',
          fieldPath: '.model',
        },
      ],
      { model: 'x' },
      ['spec.model: Forbidden: model is set by the operator'],
    ],
    [
      'a rule that does not compile',
      [{ rule: 'self.count +' }],
      { count: 1 },
      [
        'spec: Invalid value: "object": rule compile error: compilation failed: Unexpected token: EOF',
      ],
    ],
  ])('%s', (_name, rules, spec, expected) => {
    expect(run(rules, spec)).toEqual(expected);
  });

  describe('transition rules', () => {
    const immutable: ValidationRule = {
      rule: 'self.model == oldSelf.model',
      message: 'model is immutable',
    };

    it('are skipped on create', () => {
      expect(run([immutable], { model: 'a' })).toEqual([]);
    });

    it('are evaluated on update', () => {
      expect(run([immutable], { model: 'b' }, { model: 'a' })).toEqual([
        'spec: Invalid value: "object": model is immutable',
      ]);
      expect(run([immutable], { model: 'a' }, { model: 'a' })).toEqual([]);
    });
  });

  it('does not run rules on an object with blocking schema errors, and says so', () => {
    expect(run([minMax], { minReplicas: 'five', maxReplicas: 2 })).toEqual([
      'spec.minReplicas: Invalid value: "string": spec.minReplicas in body must be of type integer: "string"',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });
});
