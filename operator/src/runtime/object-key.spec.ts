import { keyOf, keyOfObject, parseKey } from './object-key.js';

describe('object keys', () => {
  it.each([
    [{ namespace: 'ns', name: 'a' }, 'ns/a'],
    [{ namespace: '', name: 'cluster-thing' }, 'cluster-thing'],
  ])('%j <-> %s', (key, text) => {
    expect(keyOf(key)).toBe(text);
    expect(parseKey(text)).toEqual(key);
    expect(keyOfObject({ metadata: key })).toBe(text);
  });
});
