import { Module } from '@nestjs/common';
import { TenantsRepository } from './tenants.repository.js';

/** Tenants and their tags. The DataSource is global once DatabaseModule is imported; no RPCs yet. */
@Module({
  providers: [TenantsRepository],
  exports: [TenantsRepository],
})
export class TenantsModule {}
