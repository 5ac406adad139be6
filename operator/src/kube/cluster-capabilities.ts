// The CapabilityDetector for Nest: asks the cluster's discovery through the rate-limited clients,
// starts with the application and stops with it, and joins readiness so no reconcile plans with
// capabilities that were never detected.
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ApiException, type CustomObjectsApi } from '@kubernetes/client-node';
import { PinoLogger } from 'nestjs-pino';
import { Probes } from '@sluice/common';
import { CapabilityDetector, type DiscoveryFetch } from './capabilities.js';
import { KubeClients } from './kube-clients.js';

/** GET /apis/<group>/<version> (an APIResourceList); a 404 means the group-version is not served. */
export function discoveryFetch(custom: CustomObjectsApi): DiscoveryFetch {
  return async (group, version) => {
    try {
      const list = await custom.getAPIResources({ group, version });
      return list.resources.map((resource) => resource.name);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  };
}

@Injectable()
export class ClusterCapabilities
  extends CapabilityDetector
  implements OnApplicationBootstrap, OnModuleDestroy
{
  constructor(
    clients: KubeClients,
    private readonly probes: Probes,
    logger: PinoLogger,
  ) {
    super({ fetch: discoveryFetch(clients.custom), logger });
  }

  onApplicationBootstrap(): void {
    this.probes.addReadinessCheck('capabilities', () => this.hasSynced());
    this.start();
  }

  onModuleDestroy(): void {
    this.stop();
  }
}
