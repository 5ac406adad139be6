// Wires the InferenceModel controller into the runtime's Manager: the shared informers of the
// models and their QuantizationProfiles (the QuantizationProfile controller watches the same two),
// informers for every kind of child they own (optional kinds while their API is served), the
// capabilities detected from discovery, and the controller.
import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { KubernetesObject } from '@kubernetes/client-node';
import { PinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import {
  INFERENCE_MODEL,
  QUANTIZATION_PROFILE,
  type InferenceModel,
  type QuantizationProfile,
} from '@sluice/crds';
import { OPERATOR_CONFIG, type OperatorConfig } from '../../config/operator-config.js';
import { ClusterCapabilities } from '../../kube/cluster-capabilities.js';
import { ControllerManager } from '../../kube/controller-manager.js';
import {
  customResourceInformer,
  type CustomResourceNames,
} from '../../kube/custom-resource-informer.js';
import { KubeClients } from '../../kube/kube-clients.js';
import { RuntimeModule } from '../../kube/runtime.module.js';
import {
  Controller,
  EventRecorder,
  keyOfObject,
  type Informer,
  type InformerOptions,
  ownerKeys,
} from '../../runtime/index.js';
import { ChildInformers } from './observe/child-informers.js';
import { InferenceModelReconciler, type InferenceModelDeps } from './inferencemodel.reconciler.js';

const OWNER = { group: INFERENCE_MODEL.group, kind: INFERENCE_MODEL.kind };

@Module({ imports: [RuntimeModule] })
export class InferenceModelModule implements OnModuleInit, OnModuleDestroy {
  private children: ChildInformers | undefined;
  private resyncMs = 0;
  private monitoring: NonNullable<InferenceModelDeps['monitoring']> = {};

  constructor(
    private readonly runtime: ControllerManager,
    private readonly clients: KubeClients,
    private readonly logger: PinoLogger,
    private readonly moduleRef: ModuleRef,
  ) {
    logger.setContext('InferenceModelController');
  }

  onModuleInit(): void {
    const config = this.moduleRef.get<OperatorConfig>(OPERATOR_CONFIG, { strict: false });
    this.resyncMs = config.RESYNC_SECONDS * 1000;
    this.monitoring = {
      prometheusAddress: config.PROMETHEUS_ADDRESS,
      serviceMonitorLabels: config.SERVICE_MONITOR_LABELS,
    };
    const models = this.crd<InferenceModel & KubernetesObject>(INFERENCE_MODEL);
    const profiles = this.crd<QuantizationProfile & KubernetesObject>(QUANTIZATION_PROFILE);
    const capabilities = this.moduleRef.get(ClusterCapabilities, { strict: false });
    const controller = this.controller(models, profiles, capabilities);
    const enqueueAll = (): void =>
      models.list().forEach((model) => controller.enqueue(keyOfObject(model)));
    models.onChange((model) => controller.enqueue(keyOfObject(model)));
    // A profile change (or its creation after the model) re-plans the models that reference it.
    profiles.onChange((profile) => {
      const { name, namespace } = profile.metadata ?? {};
      models
        .list(namespace)
        .filter((m) => m.spec?.vllm?.quantizationProfileRef?.name === name)
        .forEach((m) => controller.enqueue(keyOfObject(m)));
    });
    // KEDA or the Prometheus Operator installed (or removed): cache its kind, re-plan every model.
    capabilities.onChange((now) => {
      void this.children
        ?.follow(now)
        .then(enqueueAll)
        .catch((error: unknown) => this.runtime.fatal('Optional informers failed', error));
    });
    this.runtime.manager.addController(controller);
  }

  async onModuleDestroy(): Promise<void> {
    await this.children?.stop();
  }

  private controller(
    models: Informer<InferenceModel & KubernetesObject>,
    profiles: Informer<QuantizationProfile & KubernetesObject>,
    capabilities: ClusterCapabilities,
  ): Controller {
    const { kubeConfig, objects, custom } = this.clients;
    const children = new ChildInformers({
      kubeConfig,
      custom,
      informer: this.informerOptions('children'),
      // A child created, edited or deleted by hand: its owner is reconciled, which restores it.
      onChange: (child) => ownerKeys(child, OWNER).forEach((key) => controller.enqueue(key)),
    });
    children.required().forEach((informer) => this.runtime.manager.addInformer(informer));
    this.children = children;
    const reconciler = new InferenceModelReconciler({
      models,
      profiles,
      children,
      synced: () =>
        this.runtime.manager.hasSynced() && capabilities.hasSynced() && children.hasSynced(),
      objects,
      custom,
      recorder: this.moduleRef.get(EventRecorder, { strict: false }),
      monitoring: this.monitoring,
    });
    const controller = new Controller({
      name: 'inferencemodel',
      reconciler,
      registry: this.moduleRef.get(Registry, { strict: false }),
      logger: this.logger,
    });
    return controller;
  }

  private crd<T extends KubernetesObject>(names: CustomResourceNames): Informer<T> {
    return customResourceInformer<T>(this.runtime.informers, this.clients.custom, names);
  }

  private informerOptions(
    what: string,
  ): Pick<InformerOptions<KubernetesObject>, 'resyncMs' | 'onFatal' | 'logger'> {
    return {
      resyncMs: this.resyncMs,
      onFatal: (error: unknown) => this.runtime.fatal(`Watch of ${what} failed`, error),
      logger: this.logger,
    };
  }
}
