import { decodeResponse, encodeResponse } from './cached-response.js';

describe('cached responses', () => {
  it.each([[{ content: 'hi' }], [{ content: '', model: 'small', outputTokens: 3 }]])(
    'round-trips %j',
    (response) => {
      expect(decodeResponse(encodeResponse(response))).toEqual(response);
    },
  );

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
});
