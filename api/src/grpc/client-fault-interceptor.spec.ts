import { status as GrpcStatus } from '@grpc/grpc-js';
import { isClientFault } from './client-fault-interceptor.js';

describe('isClientFault', () => {
  it.each([
    [GrpcStatus.INTERNAL, 'Failed to decompress message', true],
    [GrpcStatus.INTERNAL, 'Invalid grpc-timeout value "soon"', true],
    [GrpcStatus.INTERNAL, 'internal error', false],
    [GrpcStatus.INTERNAL, 'Error deserializing request', false],
    [GrpcStatus.UNAVAILABLE, 'Failed to decompress message', false],
    [GrpcStatus.RESOURCE_EXHAUSTED, 'Received message larger than max', false],
  ])('code %i "%s" -> %p', (code, details, fault) => {
    expect(isClientFault({ code, details })).toBe(fault);
  });
});
