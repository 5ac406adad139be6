import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type ChannelOptions,
  type Client,
  type ClientWritableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { once } from 'node:events';
import {
  create,
  type DescMessage,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { toGrpcDefinition } from './grpc-adapter.js';

export interface CallOptions {
  readonly timeoutMs?: number;
  readonly metadata?: Record<string, string>;
}

type UnaryClientMethod<M> = M extends {
  methodKind: 'unary';
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? (request: MessageInitShape<I>, options?: CallOptions) => Promise<MessageShape<O>>
  : M extends {
        methodKind: 'client_streaming';
        input: infer I extends DescMessage;
        output: infer O extends DescMessage;
      }
    ? (
        requests: Iterable<MessageInitShape<I>> | AsyncIterable<MessageInitShape<I>>,
        options?: CallOptions,
      ) => Promise<MessageShape<O>>
    : never;

/**
 * A promise-based client for the unary and client-streaming RPCs of a generated service (CLI,
 * e2e, benchmarks). A client-streaming method takes the messages as an (async) iterable, sends
 * them all, half-closes and resolves with the reply.
 */
export type UnaryClient<T extends GenServiceMethods> = {
  [K in keyof T]: UnaryClientMethod<T[K]>;
} & {
  close(): void;
};

type Callback = (error: ServiceError | null, reply: unknown) => void;
type RawMethod = (
  request: unknown,
  metadata: Metadata,
  options: { deadline?: Date },
  callback: Callback,
) => void;
type RawStreamMethod = (
  metadata: Metadata,
  options: { deadline?: Date },
  callback: Callback,
) => ClientWritableStream<unknown>;

function metadataOf(options: CallOptions): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
  return metadata;
}

function deadlineOf(options: CallOptions): { deadline?: Date } {
  return options.timeoutMs === undefined
    ? {}
    : { deadline: new Date(Date.now() + options.timeoutMs) };
}

async function writeAll(
  stream: ClientWritableStream<unknown>,
  input: DescMessage,
  requests: Iterable<MessageInitShape<DescMessage>> | AsyncIterable<MessageInitShape<DescMessage>>,
): Promise<void> {
  for await (const request of requests) {
    if (!stream.write(create(input, request))) await once(stream, 'drain');
  }
  stream.end();
}

/** `channelOptions`: grpc-js channel settings (`grpc.enable_retries`: 0 for a bench's stream). */
export function createUnaryClient<T extends GenServiceMethods>(
  service: GenService<T>,
  address: string,
  channelOptions: ChannelOptions = {},
): UnaryClient<T> {
  const Constructor = makeGenericClientConstructor(toGrpcDefinition(service), service.typeName);
  const client = new Constructor(address, credentials.createInsecure(), channelOptions) as Client &
    Record<string, RawMethod>;
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const method of service.methods) {
    const raw = client[method.localName]?.bind(client);
    methods[method.localName] =
      method.methodKind === 'client_streaming'
        ? (requests: Iterable<MessageInitShape<DescMessage>>, options: CallOptions = {}) =>
            new Promise((resolve, reject) => {
              const call = (raw as unknown as RawStreamMethod | undefined)?.(
                metadataOf(options),
                deadlineOf(options),
                (error, reply) => (error ? reject(error) : resolve(reply)),
              );
              // A write failure also ends the call, whose status then rejects the promise.
              if (call) writeAll(call, method.input, requests).catch(() => call.cancel());
            })
        : (request: MessageInitShape<DescMessage>, options: CallOptions = {}) =>
            new Promise((resolve, reject) => {
              raw?.(
                create(method.input, request),
                metadataOf(options),
                deadlineOf(options),
                (error, reply) => (error ? reject(error) : resolve(reply)),
              );
            });
  }
  return methods as UnaryClient<T>;
}
