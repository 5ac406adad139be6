import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  type GrpcObject,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

interface ReflectionResponse {
  list_services_response?: { service: Array<{ name: string }> };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_message: string };
}

// The grpc.reflection.v1 client that grpcurl would be, built from the .proto @grpc/reflection ships.
const protoFile = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '..',
  'proto/grpc/reflection/v1/reflection.proto',
);

/** Sends one reflection request and returns the first answer. */
export function reflect(
  address: string,
  request: Record<string, string>,
): Promise<ReflectionResponse> {
  const pkg = loadPackageDefinition(loadSync(protoFile, { keepCase: true }));
  const v1 = ((pkg.grpc as GrpcObject).reflection as GrpcObject).v1 as GrpcObject;
  const Client = v1.ServerReflection as ServiceClientConstructor;
  const client = new Client(address, credentials.createInsecure());
  const call = (
    client as unknown as { ServerReflectionInfo(): NodeJS.ReadWriteStream }
  ).ServerReflectionInfo();
  return new Promise((resolve, reject) => {
    call.once('data', (response: ReflectionResponse) => {
      call.end();
      client.close();
      resolve(response);
    });
    call.once('error', reject);
    call.write(request as unknown as string);
  });
}
