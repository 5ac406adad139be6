// The TypeScript face of the gRPC contract. Everything under gen/ is produced by `make generate`
// from the .proto files; this index only re-exports it and lists the files for server reflection.
import { file_sluice_v1_common } from './gen/sluice/v1/common_pb.js';
import { file_sluice_v1_economics } from './gen/sluice/v1/economics_pb.js';
import { file_sluice_v1_router } from './gen/sluice/v1/router_pb.js';
import { file_sluice_v1_system } from './gen/sluice/v1/system_pb.js';
import { file_sluice_v1_tokens } from './gen/sluice/v1/tokens_pb.js';

export * from './gen/sluice/v1/common_pb.js';
export * from './gen/sluice/v1/economics_pb.js';
export * from './gen/sluice/v1/router_pb.js';
export * from './gen/sluice/v1/system_pb.js';
export * from './gen/sluice/v1/tokens_pb.js';

/** Every generated sluice.v1 file, for gRPC server reflection. */
export const SLUICE_V1_FILES = [
  file_sluice_v1_common,
  file_sluice_v1_economics,
  file_sluice_v1_router,
  file_sluice_v1_system,
  file_sluice_v1_tokens,
] as const;
