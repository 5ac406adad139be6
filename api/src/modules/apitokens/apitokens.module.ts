import { Module } from '@nestjs/common';
import { ApiTokensRepository } from './api-tokens.repository.js';

/** Per-tenant API tokens, hashed at rest; the gRPC auth interceptor will use the repository. */
@Module({
  providers: [ApiTokensRepository],
  exports: [ApiTokensRepository],
})
export class ApiTokensModule {}
