import {
  Metadata,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import type { Caller } from './auth/caller.js';
import type { CallContext, CallObserver } from './grpc-adapter.js';
import { SluiceError } from './sluice-error.js';

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
  const metadata = new Metadata();
  for (const v of error.violations)
    metadata.add('sluice-field-violation', `${v.field}: ${v.description}`);
  return { code: error.code, details: error.message, metadata };
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
        const status = toServiceError(error);
        callback(status);
        method.observe(method.path, status.code ?? GrpcStatus.UNKNOWN, seconds(), error);
      },
    );
}

export function wrapUnary(method: WrappedMethod) {
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void =>
    run(method, call, () => call.request, callback);
}

/**
 * The handler reads the messages as an async iterable (the stream is an object-mode Readable of
 * decoded messages, so backpressure is grpc-js' own); it answers once the client half-closes.
 */
export function wrapClientStream(method: WrappedMethod) {
  return (call: ServerReadableStream<unknown, unknown>, callback: sendUnaryData<unknown>): void =>
    run(method, call, () => call, callback);
}
