import type { V1ConfigMap } from '@kubernetes/client-node';
import type { RoutingPolicy } from '@sluice/crds';
import type { ClassifierModel, PolicyProblem } from '../routing/engine/index.js';
import type { ArtifactOutcome, ArtifactRef } from '../routing/router-model-artifacts.js';

/**
 * Only ConfigMaps carrying this label are watched: policies may reference a router model artifact
 * from a ConfigMap (spec.classifier.model.configMapRef), and an unfiltered watch would hold every
 * ConfigMap of the cluster in the API's memory. Opt-in by label, as Grafana's dashboard sidecar.
 */
export const ROUTER_MODEL_LABEL = 'sluice.dev/router-model';
export const ROUTER_MODEL_SELECTOR = `${ROUTER_MODEL_LABEL}=true`;

/** The CRD's default for spec.classifier.model.configMapRef.key. */
export const DEFAULT_ARTIFACT_KEY = 'router-model.bin';
export const CONFIG_MAP_REF_FIELD = 'spec.classifier.model.configMapRef';

export interface RouterModelSources {
  /** The artifact built into the API (router-model/artifacts); undefined if it failed to load. */
  readonly builtIn: ClassifierModel | undefined;
  /** A watched (labelled) ConfigMap of the policy's namespace, by name. */
  readonly configMap: (name: string) => V1ConfigMap | undefined;
  readonly artifacts: { fromConfigMap(ref: ArtifactRef, configMap: V1ConfigMap): ArtifactOutcome };
  /** The model of the policy's current snapshot: the last good one if the new one fails. */
  readonly previous: ClassifierModel | undefined;
}

/** buildSnapshot's model and modelProblem (snapshot.ts says what each combination means). */
export interface PolicyRouterModel {
  readonly model?: ClassifierModel | undefined;
  readonly modelProblem?: PolicyProblem;
}

/**
 * The router model a policy classifies with: none for the rules classifier, the built-in one
 * without spec.classifier.model, else the artifact of its ConfigMap. When that one is missing or
 * malformed, a policy that had a model keeps it (nothing is lost: an edit gone wrong must not stop
 * routing) and says so; a policy that never had one (a fresh API process) is not Ready.
 */
export function resolvePolicyRouterModel(
  policy: RoutingPolicy,
  sources: RouterModelSources,
): PolicyRouterModel {
  const classifier = policy.spec?.classifier;
  if (classifier?.type !== 'learned') return {};
  const ref = artifactRef(policy);
  if (ref === undefined) return { model: sources.builtIn };
  const configMap = sources.configMap(ref.name);
  const outcome: ArtifactOutcome =
    configMap === undefined
      ? { reason: 'RouterModelNotFound', error: notWatched(ref) }
      : sources.artifacts.fromConfigMap(ref, configMap);
  if ('model' in outcome) return { model: outcome.model };
  const { previous } = sources;
  if (previous === undefined) {
    return { modelProblem: { field: CONFIG_MAP_REF_FIELD, ...problemOf(outcome) } };
  }
  const message = `${outcome.error}; Route keeps the last good model, ${previous.version}`;
  return {
    model: previous,
    modelProblem: { field: CONFIG_MAP_REF_FIELD, reason: 'RouterModelStale', message },
  };
}

function artifactRef(policy: RoutingPolicy): ArtifactRef | undefined {
  const configMapRef = policy.spec?.classifier?.model?.configMapRef;
  if (configMapRef === undefined) return undefined;
  return {
    namespace: policy.metadata?.namespace ?? 'default',
    name: configMapRef.name,
    key: configMapRef.key ?? DEFAULT_ARTIFACT_KEY,
  };
}

function problemOf(outcome: Exclude<ArtifactOutcome, { model: unknown }>) {
  return { reason: outcome.reason, message: outcome.error };
}

/** Absent from the watch: it does not exist, or it lacks the label the API watches by. */
function notWatched(ref: ArtifactRef): string {
  return (
    `ConfigMap ${ref.namespace}/${ref.name} not found among the ConfigMaps labelled ` +
    `${ROUTER_MODEL_LABEL}=true (kubectl label configmap ${ref.name} -n ${ref.namespace} ${ROUTER_MODEL_LABEL}=true)`
  );
}
