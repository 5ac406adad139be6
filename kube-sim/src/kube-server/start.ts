// Programmatic entry for tests and local mode: a store seeded with the namespaces every cluster
// has, the CRD controller, and the HTTP server on a free port unless one is given.
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { validateCustomResource } from '@sluice/crds/admission';
import { watchCrds } from './crd-controller.js';
import { writeKubeconfig } from './kubeconfig.js';
import { Registry } from './registry.js';
import { RequestLog } from './request-log.js';
import { createKubeHttpServer } from './server.js';
import { Store } from './store.js';
import type { ResourceType } from './types.js';
import { validatorFrom, type CustomResourceValidator } from './validator.js';

export interface KubeServerOptions {
  host?: string;
  port?: number;
  kubeconfigPath?: string;
  validator?: CustomResourceValidator;
  historySize?: number;
  /** Keep a RequestLog of resource requests (verb, group, resource, ...), e.g. to check RBAC. */
  recordRequests?: boolean;
}

export interface KubeServer {
  url: string;
  kubeconfigPath: string | undefined;
  store: Store;
  registry: Registry;
  /** The requests received, when started with recordRequests. */
  requests: RequestLog | undefined;
  close(): Promise<void>;
}

const seedNamespaces = (store: Store, registry: Registry): void => {
  const t = registry.find('', 'v1', 'namespaces') as ResourceType;
  for (const name of ['default', 'kube-system', 'kube-public']) {
    store.create(t, '', { metadata: { name } });
    store.update(t, '', { ...store.get(t, '', name), status: { phase: 'Active' } }, 'status');
  }
};

export const startKubeServer = async (options: KubeServerOptions = {}): Promise<KubeServer> => {
  const store = new Store({
    // The schema/defaulting/CEL module by default; tests may pass their own or passThroughValidator.
    validator: options.validator ?? validatorFrom(validateCustomResource),
    ...(options.historySize ? { historySize: options.historySize } : {}),
  });
  const registry = new Registry();
  const stopCrds = watchCrds(store, registry);
  seedNamespaces(store, registry);
  const requests = options.recordRequests ? new RequestLog() : undefined;
  const server = createKubeHttpServer(store, registry, requests);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const kubeconfigPath = options.kubeconfigPath ? resolve(options.kubeconfigPath) : undefined;
  if (kubeconfigPath) await writeKubeconfig(kubeconfigPath, url);
  return {
    url,
    kubeconfigPath,
    store,
    registry,
    requests,
    close: async () => {
      stopCrds();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
