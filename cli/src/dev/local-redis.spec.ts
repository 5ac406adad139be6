import { withoutPassword } from './local-redis.js';

describe('withoutPassword', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:s3cret@cache:6379/2', 'redis://:***@cache:6379/2'],
    ['rediss://app:s3cret@cache.example:6380', 'rediss://app:***@cache.example:6380'],
    ['redis://app@cache:6379', 'redis://app@cache:6379'],
  ])('shows %s as %s', (url, shown) => {
    expect(withoutPassword(url)).toBe(shown);
  });
});
