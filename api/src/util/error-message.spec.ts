import { errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it.each([
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), 'connect ECONNREFUSED 127.0.0.1:5432'],
    [
      new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('refused v4')]),
      'connect ECONNREFUSED ::1:5432; refused v4',
    ],
    [new AggregateError([], ''), 'AggregateError'],
    [new TypeError(''), 'TypeError'],
    ['plain string', 'plain string'],
    [42, '42'],
  ])('describes %p', (error, expected) => {
    expect(errorMessage(error)).toBe(expected);
  });
});
