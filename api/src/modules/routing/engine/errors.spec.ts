import { invalidArgument, isRouteError, routeError } from './errors.js';

describe('route errors', () => {
  it.each([
    [
      routeError('UNAVAILABLE', 'no model'),
      { kind: 'error', code: 'UNAVAILABLE', message: 'no model' },
    ],
    [
      routeError('RESOURCE_EXHAUSTED', 'budget b exhausted', 'tags'),
      { kind: 'error', code: 'RESOURCE_EXHAUSTED', message: 'budget b exhausted', field: 'tags' },
    ],
    [
      invalidArgument('prompt', 'is required'),
      { kind: 'error', code: 'INVALID_ARGUMENT', message: 'prompt: is required', field: 'prompt' },
    ],
  ])('builds %j', (error, expected) => {
    expect(error).toStrictEqual(expected);
  });

  it.each([
    [routeError('NOT_FOUND', 'x'), true],
    [{ kind: 'decision' }, false],
    [new Error('x'), false],
    [null, false],
    ['error', false],
    [undefined, false],
  ])('tells a route error from %p: %s', (value, expected) => {
    expect(isRouteError(value)).toBe(expected);
  });
});
