import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
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
  : never;

/** A promise-based client for the unary RPCs of a generated service (CLI, e2e, benchmarks). */
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

export function createUnaryClient<T extends GenServiceMethods>(
  service: GenService<T>,
  address: string,
): UnaryClient<T> {
  const Constructor = makeGenericClientConstructor(toGrpcDefinition(service), service.typeName);
  const client = new Constructor(address, credentials.createInsecure()) as Client &
    Record<string, RawMethod>;
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const method of service.methods) {
    methods[method.localName] = (
      request: MessageInitShape<DescMessage>,
      options: CallOptions = {},
    ) =>
      new Promise((resolve, reject) => {
        const metadata = new Metadata();
        for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
        const deadline =
          options.timeoutMs === undefined
            ? {}
            : { deadline: new Date(Date.now() + options.timeoutMs) };
        const raw = client[method.localName]?.bind(client);
        raw?.(create(method.input, request), metadata, deadline, (error, reply) =>
          error ? reject(error) : resolve(reply),
        );
      });
  }
  return methods as UnaryClient<T>;
}
