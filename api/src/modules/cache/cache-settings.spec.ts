import { cacheSettings, DEFAULT_CACHE_SETTINGS, parseThreshold } from './cache-settings.js';

describe('cacheSettings', () => {
  it.each([undefined, {}])('takes the CRD defaults for %j', (spec) => {
    expect(cacheSettings(spec)).toEqual(DEFAULT_CACHE_SETTINGS);
  });

  it('reads every field', () => {
    expect(
      cacheSettings({
        scope: 'tenant',
        exact: { enabled: false, ttlSeconds: 60 },
        semantic: {
          enabled: true,
          similarityThreshold: '0.9',
          ttlSeconds: 120,
          embeddingModelRef: { name: 'bge' },
        },
      }),
    ).toEqual({
      exact: { enabled: false, ttlSeconds: 60 },
      semantic: { enabled: true, similarityThreshold: 0.9, ttlSeconds: 120, embeddingModel: 'bge' },
    });
  });

  it('has no setting that widens the scope beyond the tenant', () => {
    expect(cacheSettings({ scope: 'tenant' })).toEqual(DEFAULT_CACHE_SETTINGS);
  });

  it('disables the semantic cache on a threshold it cannot read', () => {
    expect(
      cacheSettings({ semantic: { enabled: true, similarityThreshold: 'high' } }).semantic.enabled,
    ).toBe(false);
  });
});

describe('parseThreshold', () => {
  it.each<[string | undefined, number | undefined]>([
    ['0.95', 0.95],
    ['0', 0],
    ['1', 1],
    ['1.0000', 1],
    ['0.8125', 0.8125],
    [undefined, 0.95],
    ['1.5', undefined],
    ['-0.5', undefined],
    ['.9', undefined],
    ['', undefined],
    ['NaN', undefined],
  ])('reads %j as %j', (text, value) => {
    expect(parseThreshold(text)).toBe(value);
  });
});
