// Wires the InferenceModel controller into the runtime's Manager: informers for the models,
// their QuantizationProfiles and the Deployments and Jobs they own, and the controller.
import { Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  AppsV1Api,
  BatchV1Api,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { PinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import {
  INFERENCE_MODEL,
  QUANTIZATION_PROFILE,
  type InferenceModel,
  type QuantizationProfile,
} from '@sluice/crds';
import { ControllerManager } from '../../kube/controller-manager.js';
import { KubeClients } from '../../kube/kube-clients.js';
import { RuntimeModule } from '../../kube/runtime.module.js';
import {
  Controller,
  EventRecorder,
  Informer,
  keyOfObject,
  ownerKeys,
} from '../../runtime/index.js';
import { InferenceModelReconciler } from './inferencemodel.reconciler.js';
import { MANAGED_BY } from './labels.js';

const OWNER = { group: INFERENCE_MODEL.group, kind: INFERENCE_MODEL.kind };
/** Only the children we labelled are cached, not every Deployment and Job of the cluster. */
const CHILDREN = `app.kubernetes.io/managed-by=${MANAGED_BY}`;

@Module({ imports: [RuntimeModule] })
export class InferenceModelModule implements OnModuleInit {
  constructor(
    private readonly runtime: ControllerManager,
    private readonly clients: KubeClients,
    private readonly logger: PinoLogger,
    private readonly moduleRef: ModuleRef,
  ) {
    logger.setContext('InferenceModelController');
  }

  onModuleInit(): void {
    const { kubeConfig, objects, custom } = this.clients;
    const crd = <T extends KubernetesObject>(names: {
      group: string;
      version: string;
      plural: string;
    }) =>
      this.informer<T>(
        `/apis/${names.group}/${names.version}/${names.plural}`,
        async () =>
          (await custom.listCustomObjectForAllNamespaces(names)) as KubernetesListObject<T>,
      );
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const batch = kubeConfig.makeApiClient(BatchV1Api);
    const models = crd<InferenceModel & KubernetesObject>(INFERENCE_MODEL);
    const profiles = crd<QuantizationProfile & KubernetesObject>(QUANTIZATION_PROFILE);
    const deployments = this.informer(
      '/apis/apps/v1/deployments',
      () => apps.listDeploymentForAllNamespaces({ labelSelector: CHILDREN }),
      CHILDREN,
    );
    const jobs = this.informer(
      '/apis/batch/v1/jobs',
      () => batch.listJobForAllNamespaces({ labelSelector: CHILDREN }),
      CHILDREN,
    );
    const reconciler = new InferenceModelReconciler({
      models,
      profiles,
      deployments,
      jobs,
      objects,
      custom,
      recorder: this.moduleRef.get(EventRecorder, { strict: false }),
    });
    const controller = new Controller({
      name: 'inferencemodel',
      reconciler,
      registry: this.moduleRef.get(Registry, { strict: false }),
      logger: this.logger,
    });
    models.onChange((model) => controller.enqueue(keyOfObject(model)));
    const toOwner = (child: KubernetesObject): void =>
      ownerKeys(child, OWNER).forEach((key) => controller.enqueue(key));
    deployments.onChange(toOwner);
    jobs.onChange(toOwner);
    // A profile change (or its creation after the model) re-plans the models that reference it.
    profiles.onChange((profile) => {
      const { name, namespace } = profile.metadata ?? {};
      models
        .list(namespace)
        .filter((m) => m.spec?.vllm?.quantizationProfileRef?.name === name)
        .forEach((m) => controller.enqueue(keyOfObject(m)));
    });
    this.runtime.manager.addController(controller);
  }

  private informer<T extends KubernetesObject>(
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
    labelSelector?: string,
  ): Informer<T> {
    const informer = new Informer<T>({
      kubeConfig: this.clients.kubeConfig,
      path,
      list,
      ...(labelSelector ? { labelSelector } : {}),
      onFatal: (error) => this.runtime.fatal(`Watch of ${path} failed`, error),
      logger: this.logger,
    });
    this.runtime.manager.addInformer(informer);
    return informer;
  }
}
