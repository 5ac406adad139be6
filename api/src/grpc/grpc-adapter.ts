import type {
  Metadata,
  status as GrpcStatus,
  ServiceDefinition,
  UntypedServiceImplementation,
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
import { EncodedReply } from './encoded-reply.js';
import { decodeRequest } from './request-decoding.js';
import {
  wrapClientStream,
  wrapUnary,
  type Authenticate,
  type UntypedHandler,
} from './grpc-call.js';

export { toServiceError, type Authenticate } from './grpc-call.js';

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

type Reply<O extends DescMessage> =
  Promise<MessageInitShape<O> | EncodedReply<O>> | MessageInitShape<O> | EncodedReply<O>;
type Handler<M> = M extends {
  methodKind: 'unary';
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? (request: MessageShape<I>, ctx: CallContext) => Reply<O>
  : M extends {
        methodKind: 'client_streaming';
        input: infer I extends DescMessage;
        output: infer O extends DescMessage;
      }
    ? (requests: AsyncIterable<MessageShape<I>>, ctx: CallContext) => Reply<O>
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
      requestDeserialize: (b: Buffer) => decodeRequest(method.input, b),
      responseSerialize: (m: MessageInitShape<DescMessage> | EncodedReply) =>
        m instanceof EncodedReply
          ? Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength)
          : Buffer.from(toBinary(method.output, create(method.output, m))),
      responseDeserialize: (b: Buffer) => fromBinary(method.output, b),
    },
  ]);
  return Object.fromEntries(entries) as ServiceDefinition;
}

/**
 * grpc-js handlers for `impl`: unary and client-streaming RPCs (sluice.v1 has no other kind;
 * others are refused at start-up). With `authenticate`, every call first resolves its Caller
 * from the metadata; a failure there is the call's status and the handler never runs.
 */
export function toGrpcHandlers<T extends GenServiceMethods>(
  service: GenService<T>,
  impl: ServiceImpl<T>,
  observe: CallObserver,
  authenticate?: Authenticate,
): UntypedServiceImplementation {
  const handlers: UntypedServiceImplementation = {};
  for (const method of service.methods) {
    const handler = (impl as Record<string, unknown>)[method.localName];
    if (typeof handler !== 'function')
      throw new Error(`${service.typeName}: no handler for ${method.name}`);
    const kind = method.methodKind;
    if (kind !== 'unary' && kind !== 'client_streaming') {
      throw new Error(
        `${service.typeName}/${method.name}: ${kind} RPCs are not supported by the adapter`,
      );
    }
    const call = {
      path: `/${service.typeName}/${method.name}`,
      handler: (handler as UntypedHandler).bind(impl),
      observe,
      authenticate,
    };
    handlers[method.localName] = kind === 'unary' ? wrapUnary(call) : wrapClientStream(call);
  }
  return handlers;
}
