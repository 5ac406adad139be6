import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';

// gRPC codes as HTTP statuses, the mapping google.rpc.Code documents (and grpc-gateway uses).
const HTTP_STATUS: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.FAILED_PRECONDITION]: 400,
  [GrpcStatus.OUT_OF_RANGE]: 400,
  [GrpcStatus.UNAUTHENTICATED]: 401,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.ABORTED]: 409,
  [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
  [GrpcStatus.CANCELLED]: 499,
  [GrpcStatus.UNIMPLEMENTED]: 501,
  [GrpcStatus.UNAVAILABLE]: 503,
  [GrpcStatus.DEADLINE_EXCEEDED]: 504,
};

/** The JSON error body: google's HTTP error shape, with the field violations of the error. */
export interface HttpErrorBody {
  readonly error: {
    readonly code: number;
    readonly status: string;
    readonly message: string;
    readonly fieldViolations: ReadonlyArray<{ field: string; description: string }>;
  };
}

export function httpError(error: SluiceError): HttpErrorBody {
  return {
    error: {
      code: HTTP_STATUS[error.code] ?? 500,
      status: GrpcStatus[error.code] ?? 'UNKNOWN',
      message: error.message,
      fieldViolations: [...error.violations],
    },
  };
}

/** SluiceErrors thrown by HTTP handlers answer with their status; the cause is never sent. */
@Catch(SluiceError)
export class SluiceErrorFilter implements ExceptionFilter<SluiceError> {
  catch(error: SluiceError, host: ArgumentsHost): void {
    const body = httpError(error);
    const response = host.switchToHttp().getResponse<Response>();
    if (error.code === GrpcStatus.UNAUTHENTICATED) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.error.code).json(body);
  }
}
