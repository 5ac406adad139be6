import { Module, type DynamicModule } from '@nestjs/common';
import { loggingModule, ObservabilityModule, type Logger } from '@sluice/common';
import { ApiConfigModule, type ApiConfig } from './config/api-config.js';
import { DatabaseHealth, DatabaseModule } from './database/database.module.js';
import { GrpcModule } from './grpc/grpc.module.js';
import { DEPENDENCY_PROBES } from './modules/system/dependency-probe.js';
import { StatusService } from './modules/system/status.service.js';
import { SystemGrpc } from './modules/system/system.grpc.js';
import { RedisLifecycle, RedisModule } from './queue/redis.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { CatalogModule } from './modules/catalog/catalog.module.js';
import { RouterModule } from './modules/router/router.module.js';
import { RouterModelModule } from './modules/routing/router-model.module.js';
import { CapacityModule } from './modules/capacity/capacity.module.js';
import { EconomicsModule } from './modules/economics/economics.module.js';
import { BudgetsModule } from './modules/budgets/budgets.module.js';
import { PolicyStatusModule } from './modules/policy-status/policy-status.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';
import { TokensModule } from './modules/tokens/tokens.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    // One EconomicsModule instance: served over gRPC, read by the budgets' spend view and the page.
    const economics = EconomicsModule.forRoot();
    const budgets = BudgetsModule.forRoot([CatalogModule, economics]);
    return {
      module: AppModule,
      imports: [
        ApiConfigModule.forRoot(config),
        loggingModule(logger),
        ObservabilityModule.forRoot('api'),
        DatabaseModule,
        RedisModule,
        GrpcModule,
        TenantsModule,
        RouterModelModule,
        CatalogModule,
        RouterModule.forRoot({ views: [CatalogModule, budgets] }),
        CapacityModule,
        PolicyStatusModule,
        economics,
        DashboardModule.forRoot(economics),
        TokensModule,
      ],
      providers: [
        StatusService,
        SystemGrpc,
        {
          provide: DEPENDENCY_PROBES,
          inject: [DatabaseHealth, RedisLifecycle],
          useFactory: (db: DatabaseHealth, redis: RedisLifecycle) => [
            { name: 'postgres', check: () => db.check() },
            redis,
          ],
        },
      ],
    };
  }
}
