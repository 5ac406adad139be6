import {
  ServerInterceptingCall,
  status as GrpcStatus,
  type ServerInterceptor,
} from '@grpc/grpc-js';

// grpc-js answers some client mistakes itself, as INTERNAL, before any handler or interceptor
// listener runs: a compressed frame that does not inflate ("Failed to decompress message") and an
// unreadable grpc-timeout header. INTERNAL tells the client "our bug, maybe retry"; these are
// theirs, and a retry cannot succeed. The base call sends those statuses through its own
// `sendStatus`, not through the interceptor chain, so a Responder cannot see them: this
// interceptor wraps the base call's `sendStatus` instead, and must therefore be the first one
// applied (grpc-server.ts registers it first). api/test/wire-edges.int-spec.ts pins both cases, so a
// grpc-js that words or routes them differently fails a test rather than regressing silently.

const CLIENT_FAULTS: readonly RegExp[] = [
  /^Failed to decompress message$/,
  /^Invalid grpc-timeout value /,
];

export function isClientFault(status: { code: GrpcStatus; details?: string | undefined }): boolean {
  const details = status.details ?? '';
  return status.code === GrpcStatus.INTERNAL && CLIENT_FAULTS.some((re) => re.test(details));
}

export const clientFaultInterceptor: ServerInterceptor = (_method, call) => {
  const send = call.sendStatus.bind(call);
  call.sendStatus = (status) =>
    send(isClientFault(status) ? { ...status, code: GrpcStatus.INVALID_ARGUMENT } : status);
  return new ServerInterceptingCall(call);
};
