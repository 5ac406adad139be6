// The CapabilityDetector for Nest: asks the cluster's discovery through the rate-limited clients,
// and starts with the application and stops with it. Not a readiness check of its own: discovery
// fails when the API server does, which readiness already reports; reconcilers wait for
// hasSynced() so none plans with capabilities that were never detected.
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ApiException, type CustomObjectsApi } from '@kubernetes/client-node';
import { PinoLogger } from 'nestjs-pino';
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
  constructor(clients: KubeClients, logger: PinoLogger) {
    super({ fetch: discoveryFetch(clients.custom), logger });
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}
