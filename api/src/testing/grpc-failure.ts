import type { ServiceError } from '@grpc/grpc-js';

/** The error a gRPC call failed with, for asserting its code and details; throws if it did not. */
export async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail');
}
