import { status as GrpcStatus } from '@grpc/grpc-js';

export { status as GrpcStatus } from '@grpc/grpc-js';

/** A field of the request that was wrong, as google.rpc.BadRequest.FieldViolation names it. */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/**
 * The one domain error type (like connect-es' ConnectError): a gRPC code, a message safe to send,
 * optional field violations, and a cause that is logged but never sent. The transport edge
 * converts it to a wire status once; anything else thrown becomes INTERNAL.
 */
export class SluiceError extends Error {
  override readonly name = 'SluiceError';

  constructor(
    readonly code: GrpcStatus,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static invalidArgument(field: string, description: string): SluiceError {
    return new SluiceError(GrpcStatus.INVALID_ARGUMENT, `${field}: ${description}`, [
      { field, description },
    ]);
  }

  static unavailable(message: string, cause?: unknown): SluiceError {
    return new SluiceError(GrpcStatus.UNAVAILABLE, message, [], { cause });
  }
}
