// One grpc-js client that sends already-encoded request bytes to any method path and returns the
// status with its trailers: the suite encodes (or garbles) messages itself.
import { Client, credentials, Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';

export interface CallResult {
  readonly code: Status;
  readonly details: string;
  readonly trailers: Metadata | undefined;
  /** The reply's bytes when OK. */
  readonly reply: Buffer | undefined;
}

const identity = (b: Buffer) => b;
// The server may answer slowly on a busy 2-core machine; a call that has no answer by then hung.
const DEADLINE_MS = 20_000;

export class RawClient {
  private readonly client: Client;

  constructor(address: string) {
    // Default channel options, as users' clients have: the API's replies must fit them.
    this.client = new Client(address, credentials.createInsecure());
  }

  private callback(resolve: (r: CallResult) => void) {
    return (error: ServiceError | null, reply?: Buffer) =>
      resolve(
        error
          ? { code: error.code, details: error.details, trailers: error.metadata, reply }
          : { code: Status.OK, details: '', trailers: undefined, reply },
      );
  }

  unary(path: string, body: Buffer, metadata: Metadata): Promise<CallResult> {
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        path,
        identity,
        identity,
        body,
        metadata,
        { deadline: Date.now() + DEADLINE_MS },
        this.callback(resolve),
      );
    });
  }

  clientStream(path: string, bodies: readonly Buffer[], metadata: Metadata): Promise<CallResult> {
    return new Promise((resolve) => {
      const call = this.client.makeClientStreamRequest(
        path,
        identity,
        identity,
        metadata,
        { deadline: Date.now() + DEADLINE_MS },
        this.callback(resolve),
      );
      for (const body of bodies) call.write(body);
      call.end();
    });
  }

  close(): void {
    this.client.close();
  }
}

export function bearer(token: string | undefined): Metadata {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}
