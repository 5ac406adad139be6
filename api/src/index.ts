export { startApi, type RunningApi } from './bootstrap.js';
export type { ApiConfig } from './config/api-config.js';
export { runMigrations, revertLastMigration, pendingMigrations } from './database/migrate.js';
export { createUnaryClient, type UnaryClient, type CallOptions } from './grpc/grpc-client.js';
// sluice dev (local mode) issues its admin token in-process.
export { TenantsRepository } from './modules/tenants/tenants.repository.js';
export { ApiTokensRepository } from './modules/apitokens/api-tokens.repository.js';
// sluice tokens bootstrap issues the first platform admin token straight into DATABASE_URL.
export { issuePlatformAdmin } from './modules/tokens/first-admin.js';
export type { LocalEndpoints } from './modules/catalog/local-endpoints.js';
