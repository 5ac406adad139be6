// The operator's test cluster (Kubernetes-API test server + sluice.dev CRDs) for API tests that
// follow sluice.dev objects, with the writes they make: apply, status patches, deletes.
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
} from '@sluice/common';
import type { InferenceModel, RoutingPolicy } from '@sluice/crds';
import { ApiConfigModule } from '../../src/config/api-config.js';
import { CatalogModule } from '../../src/modules/catalog/catalog.module.js';

export {
  eventually,
  freePort,
  kubeConfigFor,
  startTestCluster,
  type TestCluster,
} from '../../../operator/test/support/cluster.js';
export { installSluiceCrds } from '../../../operator/test/support/sluice-crds.js';

const GROUP = { group: 'sluice.dev', version: 'v1alpha1' } as const;
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
type Kind = 'inferencemodels' | 'routingpolicies' | 'quantizationprofiles';
type Condition = NonNullable<NonNullable<InferenceModel['status']>['conditions']>[number];

export function readyCondition(ready: boolean): Condition {
  const reason = ready ? 'Available' : 'NoReadyReplicas';
  return {
    type: 'Ready',
    status: ready ? 'True' : 'False',
    reason,
    message: '',
    lastTransitionTime: new Date().toISOString(),
  };
}

/** Writes sluice.dev objects in namespace `default` as kubectl and the operator would. */
export function sluiceObjects(kubeConfig: KubeConfig) {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const at = (plural: Kind, name: string) => ({ ...GROUP, plural, namespace: 'default', name });
  return {
    create: async (plural: Kind, body: InferenceModel | RoutingPolicy): Promise<void> => {
      // Status is the operator's to write, through its subresource.
      const object: InferenceModel = structuredClone(body as InferenceModel);
      delete object.status;
      await custom.createNamespacedCustomObject({ ...at(plural, ''), body: object });
    },
    patch: async (plural: Kind, name: string, body: object): Promise<void> => {
      await custom.patchNamespacedCustomObject({ ...at(plural, name), body }, MERGE);
    },
    patchStatus: async (name: string, status: InferenceModel['status']): Promise<void> => {
      const body = { status };
      await custom.patchNamespacedCustomObjectStatus(
        { ...at('inferencemodels', name), body },
        MERGE,
      );
    },
    remove: async (plural: Kind, name: string): Promise<void> => {
      await custom.deleteNamespacedCustomObject(at(plural, name));
    },
  };
}

/** The API's settings with this kubeconfig and database, logging silenced. */
export function apiConfig(kubeconfigPath: string | undefined, databaseUrl?: string) {
  return loadConfig(apiEnvSchema, {
    ...(kubeconfigPath === undefined ? {} : { KUBECONFIG: kubeconfigPath }),
    // The catalog never touches it; the capacity recorder's tests pass a real one.
    DATABASE_URL: databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
}

/** CatalogModule (plus `extra` modules) as AppModule wires it, initialised (informers started). */
export async function startCatalog(
  config: ReturnType<typeof apiConfig>,
  extra: NonNullable<Parameters<typeof Test.createTestingModule>[0]['imports']> = [],
): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      CatalogModule,
      ...extra,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

/** A builder's model as the CRD accepts it: a vLLM model must state its GPU price. */
export function priced(model: InferenceModel, gpuHourlyUSD = '1.20'): InferenceModel {
  const spec = model.spec;
  if (spec?.provider === 'vllm') spec.pricing = { ...spec.pricing, gpuHourlyUSD };
  return model;
}
