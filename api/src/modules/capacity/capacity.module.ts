import {
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { CatalogInformers, CatalogModule } from '../catalog/catalog.module.js';
import { CapacityRecorder } from './capacity-recorder.js';
import { CapacityStore } from './capacity-store.js';

/** The recorder's clock; tests replace it to write rows at instants they can compute with. */
export const CAPACITY_CLOCK = Symbol('CAPACITY_CLOCK');

/** Where the recorder writes, and whether the cluster it follows stops with this API. */
interface CapacitySetup {
  readonly store: CapacityStore;
  readonly clusterStopsWithApi: boolean;
  readonly previousRunEndedAt?: Date;
}
const CAPACITY_SETUP = Symbol('CAPACITY_SETUP');

const capacitySetup = (dataSource: DataSource, config: ApiConfig): CapacitySetup => ({
  store: new CapacityStore(dataSource),
  // Only `sluice dev` passes local endpoints, and only for the local world it stops with us.
  clusterStopsWithApi: config.localEndpoints !== undefined,
  ...(config.previousLocalRunEndedAt && { previousRunEndedAt: config.previousLocalRunEndedAt }),
});

/** Runs the recorder on the catalog's InferenceModel informer, when a cluster is configured. */
@Injectable()
export class CapacityLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly recorder: CapacityRecorder | undefined;

  constructor(
    catalog: CatalogInformers,
    @Inject(CAPACITY_SETUP) setup: CapacitySetup,
    @Inject(CAPACITY_CLOCK) now: () => Date,
    logger: PinoLogger,
  ) {
    logger.setContext('CapacityRecorder');
    const models = catalog.informers?.models;
    this.recorder = models && new CapacityRecorder({ ...setup, models, logger, now });
  }

  onApplicationBootstrap(): void {
    this.recorder?.start();
  }

  /** Before the database closes (TypeORM's global module shuts down last). */
  async onApplicationShutdown(): Promise<void> {
    await this.recorder?.stop();
  }
}

/**
 * Capacity history for self-hosted economics (SPEC 4): what the operator publishes in each
 * InferenceModel's status, and each model's declared prices, appended to the ledger as they
 * change. Needs DatabaseModule (global) and what CatalogModule needs.
 */
@Module({
  imports: [CatalogModule],
  providers: [
    CapacityLifecycle,
    { provide: CAPACITY_CLOCK, useValue: () => new Date() },
    {
      provide: CAPACITY_SETUP,
      inject: [getDataSourceToken(), API_CONFIG],
      useFactory: capacitySetup,
    },
  ],
  exports: [CapacityLifecycle],
})
export class CapacityModule {}
