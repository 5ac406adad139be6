import { locate, pvcClaim, shortId, type Location } from './model-source.js';

describe('locate', () => {
  const id = (uri: string) => shortId(uri);

  it.each<[string, Location]>([
    [
      'pvc://weights/llama-8b',
      {
        kind: 'pvc',
        uri: 'pvc://weights/llama-8b',
        claim: 'weights',
        local: '/models/weights/llama-8b',
      },
    ],
    [
      'pvc://ft-out/adapters/ticket/',
      {
        kind: 'pvc',
        uri: 'pvc://ft-out/adapters/ticket/',
        claim: 'ft-out',
        local: '/models/ft-out/adapters/ticket',
      },
    ],
    ['pvc://whole', { kind: 'pvc', uri: 'pvc://whole', claim: 'whole', local: '/models/whole' }],
    [
      's3://models/out/',
      {
        kind: 'fetch',
        uri: 's3://models/out/',
        scheme: 's3',
        id: id('s3://models/out/'),
        local: `/downloads/${id('s3://models/out/')}`,
      },
    ],
    [
      'gs://bucket/lora',
      {
        kind: 'fetch',
        uri: 'gs://bucket/lora',
        scheme: 'gs',
        id: id('gs://bucket/lora'),
        local: `/downloads/${id('gs://bucket/lora')}`,
      },
    ],
    ['org/sql-lora', { kind: 'remote', uri: 'org/sql-lora', local: 'org/sql-lora' }],
  ])('%s', (uri, location) => {
    expect(locate(uri)).toEqual(location);
  });

  it('gives distinct URIs distinct, DNS-label-safe ids', () => {
    const a = locate('s3://b/a') as Extract<Location, { kind: 'fetch' }>;
    const b = locate('s3://b/b') as Extract<Location, { kind: 'fetch' }>;
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[a-f0-9]{10}$/);
  });

  it.each([
    ['pvc://weights/llama', 'weights'],
    ['s3://weights/llama', undefined],
    ['meta-llama/Llama-3.1-8B-Instruct', undefined],
  ])('pvcClaim(%s) = %s', (uri, claim) => {
    expect(pvcClaim(uri)).toBe(claim);
  });
});
