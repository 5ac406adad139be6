import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { PinoLogger } from 'nestjs-pino';
import { Probes } from '@sluice/common';
import { InjectOperatorConfig, type OperatorConfig } from '../config/operator-config.js';

const RECHECK_MS = 10_000;

/** Loads KUBECONFIG the way kubectl does (or the in-cluster service account when unset). */
export function loadKubeConfig(path: string | undefined): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (path) kubeConfig.loadFromFile(path);
  else kubeConfig.loadFromDefault();
  return kubeConfig;
}

/**
 * The operator's connection to the Kubernetes API. Readiness follows whether the API server
 * answered /version recently, so a pod without its control plane is taken out of rotation
 * instead of crashing in a loop.
 */
@Injectable()
export class KubeConnection implements OnApplicationBootstrap {
  readonly config: KubeConfig;
  private lastSeen = 0;

  constructor(
    @InjectOperatorConfig() operatorConfig: OperatorConfig,
    private readonly probes: Probes,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('KubeConnection');
    this.config = loadKubeConfig(operatorConfig.KUBECONFIG);
  }

  get server(): string {
    return this.config.getCurrentCluster()?.server ?? '(none)';
  }

  async onApplicationBootstrap(): Promise<void> {
    this.probes.addReadinessCheck('kube-apiserver', () => this.reachable());
    if (await this.reachable()) return;
    this.logger.warn(
      { server: this.server },
      'Kubernetes API not reachable yet; not ready until it is',
    );
  }

  /** Asks /version at most every RECHECK_MS; probes call this often. */
  async reachable(): Promise<boolean> {
    if (Date.now() - this.lastSeen < RECHECK_MS) return true;
    try {
      const version = await this.config.makeApiClient(VersionApi).getCode();
      if (this.lastSeen === 0)
        this.logger.info(
          { server: this.server, version: version.gitVersion },
          'Connected to Kubernetes API',
        );
      this.lastSeen = Date.now();
      return true;
    } catch (error) {
      this.logger.debug(
        { err: error, server: this.server },
        'Kubernetes API did not answer /version',
      );
      return false;
    }
  }
}
