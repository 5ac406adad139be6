import {
  bumpsGeneration,
  foldStringData,
  isUnchanged,
  mergeForWrite,
  prepareForCreate,
  withNextGeneration,
} from './rules.js';
import type { KubeObject } from './types.js';

const obj = (extra: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'x', ...meta },
  ...extra,
});

describe('bumpsGeneration', () => {
  it.each([
    ['spec change', obj({ spec: { a: 1 } }), obj({ spec: { a: 2 } }), true],
    ['same spec', obj({ spec: { a: 1 } }), obj({ spec: { a: 1 } }), false],
    [
      'status only',
      obj({ spec: {}, status: { a: 1 } }),
      obj({ spec: {}, status: { a: 2 } }),
      false,
    ],
    ['labels only', obj({ spec: {} }), obj({ spec: {} }, { labels: { a: 'b' } }), false],
    ['spec-less data change', obj({ data: { a: '1' } }), obj({ data: { a: '2' } }), true],
    [
      'spec-less metadata change',
      obj({ data: {} }),
      obj({ data: {} }, { labels: { a: 'b' } }),
      false,
    ],
  ])('%s -> %p', (_name, before, after, expected) => {
    expect(bumpsGeneration(before, after)).toBe(expected);
  });
});

describe('status subresource', () => {
  const stored = obj({ spec: { a: 1 }, status: { s: 1 } });
  const incoming = obj({ spec: { a: 2 }, status: { s: 2 } });

  it('main resource writes keep the stored status', () => {
    expect(mergeForWrite(stored, incoming, { hasStatus: true, subresource: undefined })).toEqual(
      obj({ spec: { a: 2 }, status: { s: 1 } }),
    );
  });

  it('/status writes change only status', () => {
    expect(mergeForWrite(stored, incoming, { hasStatus: true, subresource: 'status' })).toEqual(
      obj({ spec: { a: 1 }, status: { s: 2 } }),
    );
  });

  it('kinds without the subresource write both', () => {
    expect(mergeForWrite(stored, incoming, { hasStatus: false, subresource: undefined })).toEqual(
      incoming,
    );
  });

  it('drops status on create when the kind has the subresource', () => {
    expect(prepareForCreate(incoming, true)).toEqual(obj({ spec: { a: 2 } }));
    expect(prepareForCreate(incoming, false)).toEqual(incoming);
  });
});

describe('withNextGeneration', () => {
  const before = obj({ spec: { a: 1 } }, { generation: 4 });
  it.each([
    ['a spec change', obj({ spec: { a: 2 } }, { generation: 4 }), undefined, 5],
    ['the same spec', obj({ spec: { a: 1 } }, { generation: 4 }), undefined, 4],
    ['a /status write', obj({ spec: { a: 2 } }, { generation: 4 }), 'status' as const, 4],
  ])('after %s is generation %i', (_, after, subresource, generation) => {
    expect(withNextGeneration(before, after, subresource).metadata.generation).toBe(generation);
  });
});

describe('isUnchanged', () => {
  it.each([
    ['only the sent resourceVersion differs', { resourceVersion: '9' }, { spec: { a: 1 } }, true],
    ['a label differs', { labels: { x: 'y' } }, { spec: { a: 1 } }, false],
    ['the spec differs', {}, { spec: { a: 2 } }, false],
  ])('%s: %s', (_, meta, body, expected) => {
    const stored = obj({ spec: { a: 1 } }, { resourceVersion: '7' });
    expect(isUnchanged(stored, obj(body, meta))).toBe(expected);
  });
});

describe('foldStringData (Secret)', () => {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['no stringData: as sent', { data: { a: b64('1') } }, { data: { a: b64('1') } }],
    [
      'stringData only: encoded into data',
      { stringData: { k: 'sk-€' } },
      { data: { k: b64('sk-€') } },
    ],
    [
      'both: merged, stringData wins',
      { data: { a: b64('1'), k: b64('old') }, stringData: { k: 'new' } },
      { data: { a: b64('1'), k: b64('new') } },
    ],
    ['empty stringData: an empty data', { stringData: {} }, { data: {} }],
  ])('%s', (_name, sent, stored) => {
    expect(foldStringData(obj({ type: 'Opaque', ...sent }))).toEqual(
      obj({ type: 'Opaque', ...stored }),
    );
  });
});
