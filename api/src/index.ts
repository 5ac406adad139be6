export { startApi, type RunningApi } from './bootstrap.js';
export type { ApiConfig } from './config/api-config.js';
export { runMigrations, revertLastMigration, pendingMigrations } from './database/migrate.js';
export { createUnaryClient, type UnaryClient, type CallOptions } from './grpc/grpc-client.js';
