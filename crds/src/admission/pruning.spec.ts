import { pruneUnknownFields } from './index.js';

const schema = {
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        model: { type: 'string' },
        tiers: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' } } },
        },
        labels: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { v: { type: 'string' } } },
        },
        extra: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'object', properties: { a: { type: 'string' } } } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      },
    },
  },
};

describe('pruneUnknownFields', () => {
  it.each<[string, unknown, unknown]>([
    [
      'keeps apiVersion, kind and metadata at the root',
      {
        apiVersion: 'sluice.dev/v1',
        kind: 'X',
        metadata: { name: 'a', labels: { b: 'c' } },
        status: {},
      },
      { apiVersion: 'sluice.dev/v1', kind: 'X', metadata: { name: 'a', labels: { b: 'c' } } },
    ],
    ['drops unknown spec fields', { spec: { model: 'm', typo: 1 } }, { spec: { model: 'm' } }],
    [
      'prunes inside list items',
      { spec: { tiers: [{ name: 'a', x: 1 }] } },
      { spec: { tiers: [{ name: 'a' }] } },
    ],
    [
      'prunes inside map values',
      { spec: { labels: { k: { v: 'a', x: 1 } } } },
      { spec: { labels: { k: { v: 'a' } } } },
    ],
    [
      'keeps unknown fields under preserve-unknown-fields but prunes its known ones',
      { spec: { extra: { free: { any: 1 }, known: { a: 'x', b: 'y' } } } },
      { spec: { extra: { free: { any: 1 }, known: { a: 'x' } } } },
    ],
    [
      'keeps apiVersion, kind and metadata of an embedded resource',
      {
        spec: {
          template: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p' },
            spec: { x: 1 },
            other: 1,
          },
        },
      },
      {
        spec: {
          template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } },
        },
      },
    ],
  ])('%s', (_name, object, expected) => {
    expect(pruneUnknownFields(schema, object)).toEqual(expected);
  });
});

describe('pruneUnknownFields: the paths it drops', () => {
  it('names each pruned field by its path, list items by index, nothing under preserve', () => {
    const dropped: string[] = [];
    pruneUnknownFields(
      schema,
      {
        status: {},
        spec: {
          typo: 1,
          tiers: [{ name: 'a', nmae: 'b' }],
          labels: { k: { x: 1 } },
          extra: { free: 1, known: { b: 2 } },
        },
      },
      dropped,
    );
    expect(dropped).toEqual([
      'status',
      'spec.typo',
      'spec.tiers[0].nmae',
      'spec.labels.k.x',
      'spec.extra.known.b',
    ]);
  });
});
