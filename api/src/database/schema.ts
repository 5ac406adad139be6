import { CreateTenants1795817825135 } from './migrations/1795817825135-CreateTenants.js';
import { Tenant } from '../modules/tenants/tenant.entity.js';

// Adding a table touches this file only. Classes are listed, not globbed: globs resolve files at
// run time, which breaks under ESM and jest (ts sources vs dist .js).

export const ENTITIES = [Tenant];

/** In order of their timestamps; TypeORM sorts them again, but reading order should match. */
export const MIGRATIONS = [CreateTenants1795817825135];
