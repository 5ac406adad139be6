import {
  status as GrpcStatus,
  type Metadata,
  type sendUnaryData,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import type { Caller } from './auth/caller.js';
import type { CallContext, CallObserver } from './grpc-adapter.js';
import { decodedMessages, requireDecoded } from './request-decoding.js';
import { SluiceError } from './sluice-error.js';
import { boundMessage, statusTrailers } from './status/status-trailers.js';

// How one grpc-js call becomes one handler invocation: context (signal, caller), the handler's
// promise, and exactly one status at the end, converted from SluiceError here and nowhere else.

/** Resolves the caller of a call from its metadata, or throws the SluiceError to answer with. */
export type Authenticate = (metadata: Metadata) => Promise<Caller> | Caller;

export type UntypedHandler = (input: unknown, ctx: CallContext) => unknown;

export interface WrappedMethod {
  readonly path: string;
  readonly handler: UntypedHandler;
  readonly observe: CallObserver;
  readonly authenticate: Authenticate | undefined;
}

/** Converts any thrown value to the status sent on the wire; internals never leave the process. */
export function toServiceError(error: unknown): Partial<ServiceError> {
  if (!(error instanceof SluiceError)) {
    return { code: GrpcStatus.INTERNAL, details: 'internal error' };
  }
  const metadata = statusTrailers(error.code, error.message, error.violations);
  return { code: error.code, details: boundMessage(error.message), metadata };
}

/**
 * Sends the error's status and returns the code sent. Nothing here may throw out of the call's
 * promise chain: an unhandled rejection ends the Node process, so a status that cannot be built
 * or sent falls back to its bare code without trailers, and the failure is reported as `sendError`.
 */
function answerError(
  callback: sendUnaryData<unknown>,
  error: unknown,
): { code: GrpcStatus; sendError?: unknown } {
  try {
    const status = toServiceError(error);
    callback(status);
    return { code: status.code ?? GrpcStatus.UNKNOWN };
  } catch (sendError) {
    const code = error instanceof SluiceError ? error.code : GrpcStatus.INTERNAL;
    try {
      callback({ code, details: 'the error could not be sent in full' });
    } catch {
      // The stream is gone; the observer still logs why.
    }
    return { code, sendError };
  }
}

type AnyCall = ServerUnaryCall<unknown, unknown> | ServerReadableStream<unknown, unknown>;

async function contextOf(call: AnyCall, method: WrappedMethod): Promise<CallContext> {
  const controller = new AbortController();
  call.once('cancelled', () => controller.abort());
  const base = { method: method.path, metadata: call.metadata, signal: controller.signal };
  if (method.authenticate === undefined) return base;
  return { ...base, caller: await method.authenticate(call.metadata) };
}

function run(
  method: WrappedMethod,
  call: AnyCall,
  input: (call: AnyCall) => unknown,
  callback: sendUnaryData<unknown>,
): void {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  contextOf(call, method)
    .then((ctx) => method.handler(input(call), ctx))
    .then(
      (reply) => {
        callback(null, reply);
        method.observe(method.path, GrpcStatus.OK, seconds());
      },
      (error: unknown) => {
        const { code, sendError } = answerError(callback, error);
        // An unsent status is our fault whatever the error was: observed as INTERNAL, so logged.
        if (sendError === undefined) method.observe(method.path, code, seconds(), error);
        else method.observe(method.path, GrpcStatus.INTERNAL, seconds(), sendError);
      },
    )
    .catch((error: unknown) => {
      // A reply that could not be serialized or an observer that threw: still no rejection left.
      try {
        method.observe(method.path, GrpcStatus.INTERNAL, seconds(), error);
      } catch {
        process.emitWarning(`gRPC call ${method.path} failed after its status: ${String(error)}`);
      }
    });
}

export function wrapUnary(method: WrappedMethod) {
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void =>
    run(method, call, () => requireDecoded(call.request), callback);
}

/**
 * The handler reads the messages as an async iterable (the stream is an object-mode Readable of
 * decoded messages, so backpressure is grpc-js' own); it answers once the client half-closes.
 */
export function wrapClientStream(method: WrappedMethod) {
  return (call: ServerReadableStream<unknown, unknown>, callback: sendUnaryData<unknown>): void =>
    run(method, call, () => decodedMessages(call), callback);
}
