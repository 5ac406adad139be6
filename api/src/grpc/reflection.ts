import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { toBinary, type DescFile } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { protoPath as healthProtoPath } from 'grpc-health-check';

function withDependencies(
  files: readonly DescFile[],
  seen = new Map<string, DescFile>(),
): DescFile[] {
  for (const file of files) {
    if (seen.has(file.name)) continue;
    seen.set(file.name, file);
    withDependencies(file.dependencies, seen);
  }
  return [...seen.values()];
}

/**
 * Server reflection (grpcurl, grpcui, Postman) over our protobuf-es descriptors.
 * @grpc/reflection reads only `fileDescriptorProtos` from a proto-loader package definition, so
 * we hand it the serialized FileDescriptorProtos of our files; grpc.health.v1 comes from the
 * .proto that grpc-health-check ships, through proto-loader as that library itself does.
 */
export function createReflectionService(files: readonly DescFile[]): ReflectionService {
  const fileDescriptorProtos = withDependencies(files).map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)),
  );
  const ours = { 'sluice.files': { fileDescriptorProtos } } as unknown as PackageDefinition;
  return new ReflectionService({ ...ours, ...loadSync(healthProtoPath) });
}
