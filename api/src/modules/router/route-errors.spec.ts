import { GrpcStatus } from '../../grpc/sluice-error.js';
import { invalidArgument, routeError } from '../routing/engine/index.js';
import { fromRouteError } from './route-errors.js';

describe('fromRouteError', () => {
  it.each([
    [
      invalidArgument('prompt', 'is larger than 10 bytes'),
      GrpcStatus.INVALID_ARGUMENT,
      'prompt.text: is larger than 10 bytes',
      [{ field: 'prompt.text', description: 'is larger than 10 bytes' }],
    ],
    [
      invalidArgument('messages', 'has more than 5 tokens'),
      GrpcStatus.INVALID_ARGUMENT,
      'prompt.chat.messages: has more than 5 tokens',
      [{ field: 'prompt.chat.messages', description: 'has more than 5 tokens' }],
    ],
    [
      invalidArgument('maxTokens', 'must be 1 or more'),
      GrpcStatus.INVALID_ARGUMENT,
      'parameters.max_tokens: must be 1 or more',
      [{ field: 'parameters.max_tokens', description: 'must be 1 or more' }],
    ],
    [routeError('UNAVAILABLE', 'no ready model'), GrpcStatus.UNAVAILABLE, 'no ready model', []],
    [
      routeError('RESOURCE_EXHAUSTED', 'budget spent'),
      GrpcStatus.RESOURCE_EXHAUSTED,
      'budget spent',
      [],
    ],
  ])('maps %p', (error, code, message, violations) => {
    expect(fromRouteError(error)).toMatchObject({ code, message, violations });
  });
});
