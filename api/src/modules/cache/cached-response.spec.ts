import { decodeResponse, encodeResponse } from './cached-response.js';

describe('cached responses', () => {
  it.each([
    [{ content: 'hi' }],
    [{ content: '', model: 'small', outputTokens: 3 }],
    [{ content: 'Paris.', sourceDecisionId: 'ticket-7:1', cachedAt: 1_795_000_000_123 }],
  ])('round-trips %j', (response) => {
    expect(decodeResponse(encodeResponse(response))).toEqual(response);
  });

  it.each([
    ['nothing', null],
    ['not JSON', '{'],
    ['another version', JSON.stringify({ v: 2, content: 'x' })],
    ['no content', JSON.stringify({ v: 1 })],
    ['an array', '[1]'],
    ['a plain string', '"x"'],
  ])('reads %s as a miss', (_name, raw) => {
    expect(decodeResponse(raw)).toBeUndefined();
  });

  it('drops fields of the wrong type', () => {
    expect(
      decodeResponse(JSON.stringify({ v: 1, content: 'x', model: 3, outputTokens: '2' })),
    ).toEqual({
      content: 'x',
    });
  });

  it.each([
    ['a number decision id', { sourceDecisionId: 7 }],
    ['a string time', { cachedAt: '2026-11-28T04:00:00Z' }],
    ['a fractional time', { cachedAt: 1.5 }],
  ])('drops provenance of the wrong type: %s', (_name, provenance) => {
    expect(decodeResponse(JSON.stringify({ v: 1, content: 'x', ...provenance }))).toEqual({
      content: 'x',
    });
  });

  it('reads an entry written before answers kept their provenance', () => {
    expect(decodeResponse('{"v":1,"content":"old","model":"small","outputTokens":2}')).toEqual({
      content: 'old',
      model: 'small',
      outputTokens: 2,
    });
  });
});
