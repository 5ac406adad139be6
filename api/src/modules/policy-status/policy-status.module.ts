import {
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { CoordinationV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { EventRecorder, LeaderElector, type LeaderCallbacks } from '@sluice/operator/runtime';
import { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api-config.js';
import { KubeClients, type KubeConnection } from '../../kube/kube-clients.js';
import { KubeModule } from '../../kube/kube.module.js';
import type { CatalogInformerSet } from '../catalog/catalog-informers.js';
import { CatalogInformers, CatalogModule } from '../catalog/catalog.module.js';
import { ROUTING_VIEW, type RoutingView } from '../routing/routing-view.js';
import {
  DEFAULT_CALIBRATION,
  type CalibrationSettings,
} from './classifier/calibration-settings.js';
import type { ClassifierCalibration } from './classifier-calibration.js';
import { classifierInputs } from './classifier-inputs.js';
import { decisionCounts } from './decision-counts.js';
import { PolicyStatusWriter, type PolicyStatusTiming } from './policy-status-writer.js';

/** Only the holder of this Lease writes, so API replicas never fight over a status. */
export const POLICY_STATUS_LEASE = 'sluice-api-policy-status';

/** The writer's timing and clock; tests replace them. */
export const POLICY_STATUS_TIMING = Symbol('POLICY_STATUS_TIMING');

export const DEFAULT_POLICY_STATUS_TIMING: PolicyStatusTiming = {
  intervalMs: 30_000,
  debounceMs: 1_000,
  windowSeconds: 3_600,
  now: () => new Date(),
};

/** How learned classifiers are calibrated (step, dead band, minimum samples); tests replace it. */
export const CALIBRATION_SETTINGS = Symbol('CALIBRATION_SETTINGS');

/** What the writer reads: the cluster (undefined without one), the catalog's informers and view. */
interface PolicyStatusSources {
  readonly connection: KubeConnection | undefined;
  readonly informers: CatalogInformerSet | undefined;
  readonly view: RoutingView;
}

interface PolicyStatusSettings extends PolicyStatusTiming {
  readonly leaseNamespace: string;
  readonly identity: string | undefined;
  readonly calibration: CalibrationSettings;
}

const SOURCES = Symbol('PolicyStatusSources');
const SETTINGS = Symbol('PolicyStatusSettings');

/** Campaigns for the Lease and runs the writer while it holds it; idle without a cluster. */
@Injectable()
export class PolicyStatusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly writer: PolicyStatusWriter | undefined;
  private readonly elector: LeaderElector | undefined;

  constructor(
    @Inject(SOURCES) { connection, informers, view }: PolicyStatusSources,
    @Inject(getDataSourceToken()) dataSource: DataSource,
    @Inject(SETTINGS) settings: PolicyStatusSettings,
    logger: PinoLogger,
  ) {
    logger.setContext('PolicyStatus');
    if (connection === undefined || informers === undefined) return;
    const counts = (now: Date, windowSeconds: number) =>
      decisionCounts(dataSource, now, windowSeconds);
    const { policies } = informers;
    const custom = connection.custom;
    const timing = settings;
    const calibration = calibrationOf(connection, dataSource, settings, logger);
    const writer = new PolicyStatusWriter({
      ...{ policies, view, custom, counts, timing, logger },
      calibration,
    });
    for (const informer of informers.all) informer.onChange(() => writer.changed());
    this.writer = writer;
    this.elector = new LeaderElector({
      client: connection.kubeConfig.makeApiClient(CoordinationV1Api),
      namespace: settings.leaseNamespace,
      name: POLICY_STATUS_LEASE,
      ...(settings.identity === undefined ? {} : { identity: settings.identity }),
      logger,
    });
  }

  onApplicationBootstrap(): void {
    const { elector, writer } = this;
    if (elector === undefined || writer === undefined) return;
    const callbacks: LeaderCallbacks = {
      onStartedLeading: () => writer.start(),
      // Unlike the operator, the API keeps serving Route: it stops writing and campaigns again.
      onStoppedLeading: () => {
        void writer.stop().then(() => elector.start(callbacks));
      },
    };
    elector.start(callbacks);
  }

  /** Writer first, then the Lease is released for the next replica; before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.writer?.stop();
    await this.elector?.stop();
  }
}

/** Scores from route_decisions, verdicts from shadow_verdicts, Events as `sluice-api`. */
function calibrationOf(
  connection: KubeConnection,
  dataSource: DataSource,
  settings: PolicyStatusSettings,
  logger: PinoLogger,
): ClassifierCalibration {
  const windows = {
    scoreSeconds: settings.windowSeconds,
    verdictSeconds: settings.calibration.verdictWindowSeconds,
  };
  return {
    inputs: (now) => classifierInputs(dataSource, now, windows),
    settings: settings.calibration,
    recorder: new EventRecorder({
      client: KubernetesObjectApi.makeApiClient(connection.kubeConfig),
      reportingController: 'sluice-api',
      reportingInstance: settings.identity ?? hostname(),
      logger,
    }),
  };
}

/**
 * RoutingPolicy status (SPEC 2): conditions from the engine's problems and the live routing
 * distribution from the ledger, written by one API replica at a time. Needs DatabaseModule
 * (global) and what CatalogModule needs.
 */
@Module({
  imports: [KubeModule, CatalogModule],
  providers: [
    PolicyStatusLifecycle,
    { provide: POLICY_STATUS_TIMING, useValue: DEFAULT_POLICY_STATUS_TIMING },
    { provide: CALIBRATION_SETTINGS, useValue: DEFAULT_CALIBRATION },
    {
      provide: SOURCES,
      inject: [KubeClients, CatalogInformers, ROUTING_VIEW],
      useFactory: (clients: KubeClients, catalog: CatalogInformers, view: RoutingView) => ({
        connection: clients.connection,
        informers: catalog.informers,
        view,
      }),
    },
    {
      provide: SETTINGS,
      inject: [API_CONFIG, POLICY_STATUS_TIMING, CALIBRATION_SETTINGS],
      useFactory: (
        config: ApiConfig,
        timing: PolicyStatusTiming,
        calibration: CalibrationSettings,
      ): PolicyStatusSettings => ({
        ...timing,
        leaseNamespace: config.LEADER_ELECTION_NAMESPACE,
        identity: config.POD_NAME,
        calibration,
      }),
    },
  ],
  exports: [PolicyStatusLifecycle],
})
export class PolicyStatusModule {}
