// Wires the QuantizationProfile controller into the runtime's Manager: the shared informers of the
// profiles and of the InferenceModels that reference them (to count them and check their GPUs;
// the InferenceModel controller watches the same two), and the controller. A model's change
// re-reconciles every profile of its namespace: the model may have moved from one profile to
// another, and the informer hands over only its new state.
import { Module, type OnModuleInit } from '@nestjs/common';
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
import { ControllerManager } from '../../kube/controller-manager.js';
import {
  customResourceInformer,
  type CustomResourceNames,
} from '../../kube/custom-resource-informer.js';
import { KubeClients } from '../../kube/kube-clients.js';
import { RuntimeModule } from '../../kube/runtime.module.js';
import { Controller, EventRecorder, keyOfObject, type Informer } from '../../runtime/index.js';
import { QuantizationProfileReconciler } from './quantizationprofile.reconciler.js';

@Module({ imports: [RuntimeModule] })
export class QuantizationProfileModule implements OnModuleInit {
  constructor(
    private readonly runtime: ControllerManager,
    private readonly clients: KubeClients,
    private readonly logger: PinoLogger,
    private readonly moduleRef: ModuleRef,
  ) {
    logger.setContext('QuantizationProfileController');
  }

  onModuleInit(): void {
    const profiles = this.informer<QuantizationProfile & KubernetesObject>(QUANTIZATION_PROFILE);
    const models = this.informer<InferenceModel & KubernetesObject>(INFERENCE_MODEL);
    const reconciler = new QuantizationProfileReconciler({
      profiles,
      models,
      custom: this.clients.custom,
      recorder: this.moduleRef.get(EventRecorder, { strict: false }),
      synced: () => profiles.hasSynced() && models.hasSynced(),
    });
    const controller = new Controller({
      name: 'quantizationprofile',
      reconciler,
      registry: this.moduleRef.get(Registry, { strict: false }),
      logger: this.logger,
    });
    profiles.onChange((profile) => controller.enqueue(keyOfObject(profile)));
    models.onChange((model) =>
      profiles
        .list(model.metadata?.namespace)
        .forEach((profile) => controller.enqueue(keyOfObject(profile))),
    );
    this.runtime.manager.addController(controller);
  }

  private informer<T extends KubernetesObject>(names: CustomResourceNames): Informer<T> {
    return customResourceInformer<T>(this.runtime.informers, this.clients.custom, names);
  }
}
