import type { Caller } from '../../grpc/auth/caller.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';

/** The call's authenticated caller; the server authenticates every RouterService call first. */
export function requireCaller(ctx: CallContext): Caller {
  if (ctx.caller === undefined)
    throw new SluiceError(GrpcStatus.UNAUTHENTICATED, 'an API token is required');
  return ctx.caller;
}
