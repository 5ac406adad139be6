import type { V1ConfigMap } from '@kubernetes/client-node';
import { artifactVersion, loadRouterModel } from '@sluice/router-model';
import { errorMessage } from '../../util/error-message.js';
import type { ClassifierModel } from './engine/index.js';

/** What a ConfigMap's artifact gave: a model, or why not (reason as a condition reason). */
export type ArtifactOutcome =
  | { readonly model: ClassifierModel }
  | { readonly reason: 'RouterModelNotFound' | 'RouterModelInvalid'; readonly error: string };

export interface ArtifactRef {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
}

interface Decoded {
  readonly resourceVersion: string | undefined;
  readonly key: string;
  readonly outcome: { readonly version: string } | Exclude<ArtifactOutcome, { model: unknown }>;
}

/** Models kept decoded; an evicted one is decoded again from its ConfigMap when next needed. */
export const MAX_LOADED_ARTIFACTS = 8;

/**
 * Router models read from ConfigMaps (spec.classifier.model.configMapRef). A ConfigMap's key is
 * decoded and validated once per resourceVersion, not per rebuild or per request; models are kept
 * by artifact version (the same bytes in two ConfigMaps are one model), least recently used
 * first out, so at most MAX_LOADED_ARTIFACTS sit here, each about the size of its artifact.
 */
export class RouterModelArtifacts {
  private readonly models = new Map<string, ClassifierModel>();
  private readonly decoded = new Map<string, Decoded>();

  constructor(
    private readonly limit = MAX_LOADED_ARTIFACTS,
    private readonly load: (bytes: Uint8Array) => ClassifierModel = loadRouterModel,
  ) {}

  fromConfigMap(ref: ArtifactRef, configMap: V1ConfigMap): ArtifactOutcome {
    const id = `${ref.namespace}/${ref.name}`;
    const resourceVersion = configMap.metadata?.resourceVersion;
    const seen = this.decoded.get(id);
    if (seen !== undefined && seen.resourceVersion === resourceVersion && seen.key === ref.key) {
      if (!('version' in seen.outcome)) return seen.outcome;
      const model = this.touch(seen.outcome.version);
      if (model !== undefined) return { model };
    }
    const outcome = this.decode(ref, configMap);
    const kept = 'model' in outcome ? { version: outcome.model.version } : outcome;
    this.decoded.set(id, { resourceVersion, key: ref.key, outcome: kept });
    return outcome;
  }

  /** The ConfigMap is gone (or no longer labelled): its decoding is forgotten. */
  forget(namespace: string, name: string): void {
    this.decoded.delete(`${namespace}/${name}`);
  }

  /** Versions of the models kept decoded, for sluice_router_model_info. */
  versions(): readonly string[] {
    return [...this.models.keys()];
  }

  private decode(ref: ArtifactRef, configMap: V1ConfigMap): ArtifactOutcome {
    const bytes = artifactBytes(configMap, ref.key);
    if (bytes === undefined)
      return { reason: 'RouterModelNotFound', error: missingKey(ref, configMap) };
    const version = artifactVersion(bytes);
    const known = this.touch(version);
    if (known !== undefined) return { model: known };
    try {
      const model = this.load(bytes);
      this.models.set(version, model);
      for (const old of this.models.keys()) {
        if (this.models.size <= this.limit) break;
        this.models.delete(old);
      }
      return { model };
    } catch (error) {
      const where = `ConfigMap ${ref.namespace}/${ref.name} key ${ref.key}`;
      return {
        reason: 'RouterModelInvalid',
        error: `${where} is not a router model artifact: ${errorMessage(error)}`,
      };
    }
  }

  /** The model of this version, now the most recently used. */
  private touch(version: string): ClassifierModel | undefined {
    const model = this.models.get(version);
    if (model === undefined) return undefined;
    this.models.delete(version);
    this.models.set(version, model);
    return model;
  }
}

/**
 * kubectl create configmap --from-file puts a file in binaryData unless it is valid UTF-8, then in
 * data, whose string is the file's very bytes: either is the artifact.
 */
function artifactBytes(configMap: V1ConfigMap, key: string): Buffer | undefined {
  const base64 = configMap.binaryData?.[key];
  if (base64 !== undefined) return Buffer.from(base64, 'base64');
  const text = configMap.data?.[key];
  return text === undefined ? undefined : Buffer.from(text, 'utf8');
}

function missingKey(ref: ArtifactRef, configMap: V1ConfigMap): string {
  const keys = [...Object.keys(configMap.binaryData ?? {}), ...Object.keys(configMap.data ?? {})];
  const present = keys.length === 0 ? 'it has none' : `it has ${keys.join(', ')}`;
  return `ConfigMap ${ref.namespace}/${ref.name} has no key ${ref.key} (${present})`;
}
