import { formatInvalid, validateCustomResource } from './index.js';

// A CRD in the stored apiextensions.k8s.io/v1 shape, with one rule, one default, one enum.
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.dev' },
  spec: {
    group: 'example.dev',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                'x-kubernetes-validations': [
                  { rule: 'self.size == oldSelf.size', message: 'size is immutable' },
                ],
                properties: {
                  size: { type: 'string', enum: ['S', 'M'], default: 'S' },
                  replicas: { type: 'integer', default: 1 },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const widget = (spec: Record<string, unknown>) => ({
  apiVersion: 'example.dev/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'default' },
  spec,
});

describe('validateCustomResource', () => {
  it('prunes, then defaults, then validates a create', () => {
    const result = validateCustomResource({ crd, version: 'v1', object: widget({ typo: 1 }) });
    expect(result).toEqual({
      object: widget({ size: 'S', replicas: 1 }),
      errors: [],
      unknownFields: ['spec.typo'],
    });
  });

  it('reports schema errors in the kube wording', () => {
    const { errors } = validateCustomResource({
      crd,
      version: 'v1',
      object: widget({ size: 'XL' }),
    });
    expect(formatInvalid('Widget', 'example.dev', 'w', errors)).toBe(
      'Widget.example.dev "w" is invalid: [spec.size: Unsupported value: "XL": supported values: "S", "M", <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
    );
  });

  it('runs transition rules on update against the defaulted old object', () => {
    const update = { crd, version: 'v1', object: widget({ size: 'M' }), oldObject: widget({}) };
    expect(formatInvalid('Widget', 'example.dev', 'w', validateCustomResource(update).errors)).toBe(
      'Widget.example.dev "w" is invalid: spec: Invalid value: "object": size is immutable',
    );
  });

  it('passes objects of an unknown version through', () => {
    const object = widget({ anything: true });
    expect(validateCustomResource({ crd, version: 'v9', object })).toEqual({
      object,
      errors: [],
      unknownFields: [],
    });
  });
});
