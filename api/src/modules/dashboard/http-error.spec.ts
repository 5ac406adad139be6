import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { httpError } from './http-error.js';

describe('httpError', () => {
  it('keeps the message and field violations under the HTTP status google.rpc.Code maps to', () => {
    expect(httpError(SluiceError.invalidArgument('from', 'bad'))).toEqual({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'from: bad',
        fieldViolations: [{ field: 'from', description: 'bad' }],
      },
    });
  });

  it.each([
    [GrpcStatus.UNAUTHENTICATED, 401],
    [GrpcStatus.PERMISSION_DENIED, 403],
    [GrpcStatus.FAILED_PRECONDITION, 400],
    [GrpcStatus.UNAVAILABLE, 503],
    [GrpcStatus.INTERNAL, 500],
  ])('code %d is HTTP %d', (code, status) => {
    expect(httpError(new SluiceError(code, 'x')).error.code).toBe(status);
  });
});
