import { create } from '@bufbuild/protobuf';
import { Complexity, RouteRequestSchema } from '@sluice/proto';
import { SluiceError } from '../../grpc/sluice-error.js';
import { toRouteInput } from './route-input.js';

const caller = { tenantId: 't', tenantName: 't', tokenId: 'k', scope: {}, admin: false };
const featuresRequest = (value: { keywords?: string[]; complexity?: number }) =>
  create(RouteRequestSchema, {
    policy: { name: 'default' },
    prompt: { case: 'features', value: { promptTokens: 12, ...value } },
  });

function violationsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SluiceError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
}

describe('toRouteInput with prompt features', () => {
  it.each<[string, { keywords?: string[]; complexity?: number }, object]>([
    [
      'keywords',
      { keywords: ['refund', 'step by step'] },
      { keywords: ['refund', 'step by step'] },
    ],
    ['a complex verdict', { complexity: Complexity.COMPLEX }, { complexity: 'complex' }],
    ['a simple verdict', { complexity: Complexity.SIMPLE }, { complexity: 'simple' }],
  ])('passes %s to the engine', (_label, features, expected) => {
    const input = toRouteInput(featuresRequest(features), caller, 'default');
    expect(input.engine).toMatchObject({ promptTokens: 12, ...expected });
    expect(input.cacheRequest).toBeUndefined();
  });

  it('leaves an unspecified verdict to the classifier', () => {
    const input = toRouteInput(featuresRequest({}), caller, 'default');
    expect(input.engine).not.toHaveProperty('complexity');
    expect(input.engine.keywords).toEqual([]);
  });

  it.each<[string, { keywords?: string[]; complexity?: number }, string[]]>([
    ['an overlong keyword', { keywords: ['ok', 'x'.repeat(129)] }, ['prompt.features.keywords[1]']],
    [
      'too many keywords',
      { keywords: Array.from({ length: 257 }, (_, i) => `k${i}`) },
      ['prompt.features.keywords'],
    ],
    ['an unknown complexity', { complexity: 7 }, ['prompt.features.complexity']],
  ])('refuses %s, naming the field', (_label, features, fields) => {
    expect(violationsOf(() => toRouteInput(featuresRequest(features), caller, 'default'))).toEqual(
      fields,
    );
  });
});
