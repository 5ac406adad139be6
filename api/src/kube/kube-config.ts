// Where the API finds its Kubernetes API. Unlike kubectl (and client-node's loadFromDefault) it
// never falls back to http://localhost:8080: with no cluster configured the API still runs (local
// mode, ledger-only use) and says so, instead of watching a port nobody listens on.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** The service account token every pod gets (client-node's in-cluster detection reads the same). */
export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface KubeConfigSources {
  /** KUBECONFIG as the API's settings read it. */
  readonly kubeconfig: string | undefined;
  readonly home?: string;
  readonly serviceAccountToken?: string;
}

/** Which source configures the cluster: KUBECONFIG, ~/.kube/config, in-cluster, or none. */
export function kubeConfigSource(sources: KubeConfigSources): string | undefined {
  if (sources.kubeconfig) return sources.kubeconfig;
  const home = join(sources.home ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return home;
  if (existsSync(sources.serviceAccountToken ?? SERVICE_ACCOUNT_TOKEN)) return 'in-cluster';
  return undefined;
}

/** Loads the cluster the way kubectl would, or undefined when none is configured. */
export function loadKubeConfig(sources: KubeConfigSources): KubeConfig | undefined {
  const source = kubeConfigSource(sources);
  if (source === undefined) return undefined;
  const kubeConfig = new KubeConfig();
  if (source === 'in-cluster') kubeConfig.loadFromCluster();
  else kubeConfig.loadFromFile(source);
  return kubeConfig;
}
