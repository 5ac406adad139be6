import { CACHE_KEY_PREFIX, type CacheRequest, type CacheScope } from './cache.types.js';
import { exactKey } from './exact-key.js';

const scope: CacheScope = { tenant: 'search', policy: { namespace: 'prod', name: 'default' } };
const ask = (prompt: string, params?: CacheRequest['params']): CacheRequest =>
  params === undefined ? { prompt } : { prompt, params };

type Case = [string, CacheScope, CacheRequest, CacheScope, CacheRequest];

describe('exactKey', () => {
  it('is versioned and names the tenant', () => {
    expect(exactKey(scope, ask('hi'))).toMatch(
      new RegExp(`^${CACHE_KEY_PREFIX}exact:search:[0-9a-f]{64}$`),
    );
  });

  it('encodes the tenant so a colon cannot forge another prefix', () => {
    const key = exactKey({ ...scope, tenant: 'a:b' }, ask('hi'));
    expect(key.startsWith(`${CACHE_KEY_PREFIX}exact:a%3Ab:`)).toBe(true);
  });

  it.each<Case>([
    ['whitespace only', scope, ask('What is  2+2?\n'), scope, ask(' What is 2+2? ')],
    ['CRLF vs LF', scope, ask('a\r\nb'), scope, ask('a\nb')],
    ['NFC vs NFD', scope, ask('caf\u00e9'), scope, ask('cafe\u0301')],
    [
      'param key order',
      scope,
      ask('q', { temperature: 0, topP: 1 }),
      scope,
      ask('q', { topP: 1, temperature: 0 }),
    ],
    ['stop string vs list', scope, ask('q', { stop: 'END' }), scope, ask('q', { stop: ['END'] })],
    ['stop order', scope, ask('q', { stop: ['a', 'b'] }), scope, ask('q', { stop: ['b', 'a'] })],
    ['an empty token scope', scope, ask('q'), { ...scope, tokenScope: {} }, ask('q')],
    [
      'token scope order',
      { ...scope, tokenScope: { team: 'a', product: 'p' } },
      ask('q'),
      { ...scope, tokenScope: { product: 'p', team: 'a' } },
      ask('q'),
    ],
    [
      'undefined param',
      scope,
      ask('q', { seed: undefined as unknown as number }),
      scope,
      ask('q', {}),
    ],
    [
      'message spacing',
      scope,
      { messages: [{ role: 'user', content: 'hi  there' }] },
      scope,
      { messages: [{ role: 'user', content: 'hi there ' }] },
    ],
  ])('shares a key when only %s differs', (_name, ...[scopeA, a, scopeB, b]) => {
    expect(exactKey(scopeA, a)).toBe(exactKey(scopeB, b));
  });

  const otherTenant = { ...scope, tenant: 'ads' };
  const otherPolicy = { ...scope, policy: { namespace: 'prod', name: 'cheap' } };
  const otherNamespace = { ...scope, policy: { namespace: 'dev', name: 'default' } };
  it.each<Case>([
    ['tenant', scope, ask('q'), otherTenant, ask('q')],
    ['policy name', scope, ask('q'), otherPolicy, ask('q')],
    ['token scope', scope, ask('q'), { ...scope, tokenScope: { team: 'a' } }, ask('q')],
    [
      "a token scope's team",
      { ...scope, tokenScope: { team: 'a' } },
      ask('q'),
      { ...scope, tokenScope: { team: 'b' } },
      ask('q'),
    ],
    ['policy namespace', scope, ask('q'), otherNamespace, ask('q')],
    ['case', scope, ask('Paris'), scope, ask('paris')],
    ['a number', scope, ask('round 1.50'), scope, ask('round 1.5')],
    ['temperature', scope, ask('q', { temperature: 0 }), scope, ask('q', { temperature: 0.7 })],
    ['temperature set vs unset', scope, ask('q', { temperature: 0 }), scope, ask('q')],
    ['max tokens', scope, ask('q', { maxTokens: 10 }), scope, ask('q', { maxTokens: 20 })],
    ['top p', scope, ask('q', { topP: 0.9 }), scope, ask('q', { topP: 1 })],
    ['stop', scope, ask('q', { stop: ['a'] }), scope, ask('q', { stop: ['b'] })],
    ['model', scope, ask('q', { model: 'small' }), scope, ask('q', { model: 'large' })],
    ['tier', scope, ask('q', { tier: 'small' }), scope, ask('q', { tier: 'frontier' })],
    [
      'tools',
      scope,
      ask('q', { tools: [{ name: 'a' }] }),
      scope,
      ask('q', { tools: [{ name: 'b' }] }),
    ],
    [
      'extra',
      scope,
      ask('q', { extra: { logitBias: 1 } }),
      scope,
      ask('q', { extra: { logitBias: 2 } }),
    ],
    [
      'indentation in code',
      scope,
      ask('fix\n```\nif x:\n  y\n```'),
      scope,
      ask('fix\n```\nif x:\ny\n```'),
    ],
    [
      'prompt vs messages',
      scope,
      ask('hi'),
      scope,
      { messages: [{ role: 'user', content: 'hi' }] },
    ],
    [
      'role',
      scope,
      { messages: [{ role: 'user', content: 'hi' }] },
      scope,
      { messages: [{ role: 'system', content: 'hi' }] },
    ],
    [
      'message split',
      scope,
      { messages: [{ role: 'user', content: 'a b' }] },
      scope,
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      },
    ],
  ])('never shares a key when %s differs', (_name, ...[scopeA, a, scopeB, b]) => {
    expect(exactKey(scopeA, a)).not.toBe(exactKey(scopeB, b));
  });
});
