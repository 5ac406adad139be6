import {
  Metadata,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type ServiceError,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import {
  create,
  fromBinary,
  toBinary,
  type DescMessage,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import type { Caller } from './auth/caller.js';
import { SluiceError } from './sluice-error.js';

// protobuf-es ships no RPC transport; this file is the whole bridge from its GenService
// descriptors to grpc-js. Everything else in the API sees typed messages and SluiceError only.

/** What a handler knows about its call besides the request. */
export interface CallContext {
  readonly method: string;
  readonly metadata: Metadata;
  /** Aborted when the client cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** Set by the auth layer from the call's API token; undefined for unauthenticated methods. */
  readonly caller?: Caller;
}

type Reply<O extends DescMessage> = Promise<MessageInitShape<O>> | MessageInitShape<O>;
type Handler<M> = M extends {
  methodKind: 'unary';
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? (request: MessageShape<I>, ctx: CallContext) => Reply<O>
  : never;

/** A service implementation typed by its generated schema: one method per RPC. */
export type ServiceImpl<T extends GenServiceMethods> = { [K in keyof T]: Handler<T[K]> };

/** Reports each finished call (method, gRPC code) so the caller can keep metrics and logs. */
export type CallObserver = (
  method: string,
  code: GrpcStatus,
  seconds: number,
  error?: unknown,
) => void;

export function toGrpcDefinition(service: GenService<GenServiceMethods>): ServiceDefinition {
  const entries = service.methods.map((method) => [
    method.localName,
    {
      path: `/${service.typeName}/${method.name}`,
      requestStream:
        method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming',
      responseStream:
        method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming',
      requestSerialize: (m: MessageShape<DescMessage>) => Buffer.from(toBinary(method.input, m)),
      requestDeserialize: (b: Buffer) => fromBinary(method.input, b),
      responseSerialize: (m: MessageInitShape<DescMessage>) =>
        Buffer.from(toBinary(method.output, create(method.output, m))),
      responseDeserialize: (b: Buffer) => fromBinary(method.output, b),
    },
  ]);
  return Object.fromEntries(entries) as ServiceDefinition;
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

type UnaryCall = ServerUnaryCall<unknown, unknown>;

function contextOf(call: UnaryCall, method: string): CallContext {
  const controller = new AbortController();
  call.once('cancelled', () => controller.abort());
  return { method, metadata: call.metadata, signal: controller.signal };
}

type UntypedHandler = (input: unknown, ctx: CallContext) => unknown;

function wrap(path: string, handler: UntypedHandler, observe: CallObserver) {
  return (call: UnaryCall, callback: sendUnaryData<unknown>): void => {
    const started = performance.now();
    Promise.resolve()
      .then(() => handler(call.request, contextOf(call, path)))
      .then(
        (reply) => {
          callback(null, reply);
          observe(path, GrpcStatus.OK, (performance.now() - started) / 1000);
        },
        (error: unknown) => {
          const status = toServiceError(error);
          callback(status);
          observe(
            path,
            status.code ?? GrpcStatus.UNKNOWN,
            (performance.now() - started) / 1000,
            error,
          );
        },
      );
  };
}

/** grpc-js handlers for `impl`. Only unary RPCs exist in sluice.v1 so far; streaming kinds are refused at start-up. */
export function toGrpcHandlers<T extends GenServiceMethods>(
  service: GenService<T>,
  impl: ServiceImpl<T>,
  observe: CallObserver,
): UntypedServiceImplementation {
  const handlers: UntypedServiceImplementation = {};
  for (const method of service.methods) {
    const handler = (impl as Record<string, unknown>)[method.localName];
    if (typeof handler !== 'function')
      throw new Error(`${service.typeName}: no handler for ${method.name}`);
    if (method.methodKind !== 'unary') {
      throw new Error(
        `${service.typeName}/${method.name}: ${method.methodKind} RPCs are not supported by the adapter`,
      );
    }
    const path = `/${service.typeName}/${method.name}`;
    handlers[method.localName] = wrap(path, (handler as UntypedHandler).bind(impl), observe);
  }
  return handlers;
}
