import type { CacheRequest } from './cache.types.js';
import { semanticFrame } from './semantic-frame.js';

const chat = (...turns: Array<[string, string]>): CacheRequest => ({
  messages: turns.map(([role, content]) => ({ role, content })),
});

describe('semanticFrame', () => {
  it('takes a prompt as the question', () => {
    expect(semanticFrame({ prompt: '  Why  is the sky blue? ' }).question).toBe(
      'Why is the sky blue?',
    );
  });

  it('takes the last user message of a conversation as the question', () => {
    expect(
      semanticFrame(chat(['system', 'Be brief.'], ['user', 'Why is the sky blue?'])).question,
    ).toBe('Why is the sky blue?');
  });

  it('has no question when the conversation does not end with the user', () => {
    expect(semanticFrame(chat(['user', 'Hi'], ['assistant', 'Hello'])).question).toBe('');
  });

  it.each<[string, CacheRequest, CacheRequest]>([
    ['the question', { prompt: 'a' }, { prompt: 'b' }],
    ['whitespace', { prompt: 'a  b' }, { prompt: 'a b' }],
  ])('keeps the context when only %s differs', (_name, a, b) => {
    expect(semanticFrame(a).contextHash).toBe(semanticFrame(b).contextHash);
  });

  it.each<[string, CacheRequest, CacheRequest]>([
    [
      'temperature',
      { prompt: 'q', params: { temperature: 0 } },
      { prompt: 'q', params: { temperature: 1 } },
    ],
    ['model', { prompt: 'q', params: { model: 'a' } }, { prompt: 'q' }],
    [
      'system prompt',
      chat(['system', 'Be brief.'], ['user', 'q']),
      chat(['system', 'Be verbose.'], ['user', 'q']),
    ],
    ['history', chat(['user', 'x'], ['assistant', 'y'], ['user', 'q']), chat(['user', 'q'])],
    ['prompt vs messages', { prompt: 'q' }, chat(['system', ''], ['user', 'q'])],
  ])('separates the context when %s differs', (_name, a, b) => {
    expect(semanticFrame(a).contextHash).not.toBe(semanticFrame(b).contextHash);
  });
});
