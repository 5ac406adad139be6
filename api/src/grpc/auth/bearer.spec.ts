import { bearerToken } from './bearer.js';

describe('bearerToken', () => {
  it.each([
    [['Bearer sluice_abc'], 'sluice_abc'],
    [['bearer sluice_abc'], 'sluice_abc'],
    [['BEARER   sluice_abc  '], 'sluice_abc'],
    [[], undefined],
    [['Basic dXNlcjpwYXNz'], undefined],
    [['Bearer'], undefined],
    [['Bearer a b'], undefined],
    [['Bearer a', 'Bearer b'], undefined],
    [[Buffer.from('Bearer a')], undefined],
  ])('%p -> %p', (values, expected) => {
    expect(bearerToken(values)).toBe(expected);
  });
});
