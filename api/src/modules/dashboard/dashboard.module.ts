import { Module, type DynamicModule } from '@nestjs/common';
import { GrpcModule } from '../../grpc/grpc.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** The unit-economics page over HTTP; `economics` is AppModule's one EconomicsModule instance. */
@Module({})
export class DashboardModule {
  static forRoot(economics: DynamicModule): DynamicModule {
    return {
      module: DashboardModule,
      imports: [GrpcModule, economics],
      controllers: [DashboardController],
      providers: [DashboardService],
    };
  }
}
