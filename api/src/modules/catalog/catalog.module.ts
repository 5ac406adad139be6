import {
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Probes } from '@sluice/common';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { KubeClients } from '../../kube/kube-clients.js';
import { KubeModule } from '../../kube/kube.module.js';
import { LoadedRouterModel, RouterModelModule } from '../routing/router-model.module.js';
import { ROUTING_VIEW } from '../routing/routing-view.js';
import { catalogInformers, type CatalogInformerSet } from './catalog-informers.js';
import { RoutingCatalog } from './routing-catalog.js';

/**
 * The informers of the configured cluster, or undefined without one. Other modules (the capacity
 * recorder) subscribe to them in their constructors; they start once the application is up.
 */
@Injectable()
export class CatalogInformers implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly informers: CatalogInformerSet | undefined;

  constructor(
    clients: KubeClients,
    private readonly probes: Probes,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('Catalog');
    const connection = clients.connection;
    this.informers = connection && catalogInformers(connection, logger);
  }

  onApplicationBootstrap(): void {
    const informers = this.informers;
    if (informers === undefined) {
      this.logger.warn(
        'No Kubernetes API configured (KUBECONFIG, ~/.kube/config or in-cluster): no routing policies, no capacity history; see api/src/modules/catalog/README.md',
      );
      return;
    }
    // Not ready until every kind was listed once; afterwards ready even while a watch is
    // failing, since Route then serves the last view (SPEC 6).
    this.probes.addReadinessCheck('catalog', () => informers.all.every((i) => i.hasSynced()));
    informers.all.forEach((informer) => informer.start());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.informers?.all.map((informer) => informer.stop()) ?? []);
  }
}

/**
 * The API's live view of the sluice.dev objects: RoutingView for the Router (ROUTING_VIEW) and
 * the informers for whoever else follows them. Needs ApiConfigModule, logging and Probes.
 */
@Module({
  // The router model comes with the catalog: a learned policy's snapshot needs it to be Ready.
  imports: [KubeModule, RouterModelModule],
  providers: [
    CatalogInformers,
    {
      provide: RoutingCatalog,
      inject: [CatalogInformers, PinoLogger, API_CONFIG, LoadedRouterModel],
      useFactory: (
        catalog: CatalogInformers,
        logger: PinoLogger,
        config: ApiConfig,
        loaded: LoadedRouterModel,
      ) => new RoutingCatalog(catalog.informers, logger, config.localEndpoints, loaded),
    },
    { provide: ROUTING_VIEW, useExisting: RoutingCatalog },
  ],
  exports: [ROUTING_VIEW, RoutingCatalog, CatalogInformers],
})
export class CatalogModule {}
