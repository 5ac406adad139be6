// The pod storage that makes located sources (model-source.ts) readable at their local paths:
// one PVC volume per distinct claim, and for s3:// / gs:// one init container per distinct URI
// that copies it into a shared emptyDir before vLLM starts.
//
// Credentials: the CRD has no object-store Secret, so the fetchers use the pod's identity
// (EKS IRSA / Pod Identity, GKE Workload Identity: annotate the namespace's default
// ServiceAccount, which the pods run as). A folder (prefix) is copied, not a single file.
import type { V1Container, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import {
  DOWNLOAD_MOUNT_PATH,
  MODEL_MOUNT_PATH,
  shortId,
  type FetchScheme,
  type Location,
} from './model-source.js';

interface Fetcher {
  image: string;
  command: (uri: string, dir: string) => string[];
}

/** The official cloud CLIs; sync/rsync so a restarted init container copies only what is missing. */
export const FETCHERS: Record<FetchScheme, Fetcher> = {
  s3: {
    image: 'public.ecr.aws/aws-cli/aws-cli:2.24.0',
    command: (uri, dir) => ['aws', 's3', 'sync', '--no-progress', uri, dir],
  },
  gs: {
    image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:573.0.0-stable',
    command: (uri, dir) => ['gcloud', 'storage', 'rsync', '--recursive', uri, dir],
  },
};

const DOWNLOADS = 'downloads';

export interface PodStorage {
  volumes: V1Volume[];
  /** For the main container (vLLM or the trainer). */
  mounts: V1VolumeMount[];
  initContainers: V1Container[];
}

/** Claims in `writable` are mounted read-write (the trainer's output); the rest read-only. */
export function podStorage(
  locations: readonly Location[],
  writable: ReadonlySet<string> = new Set(),
): PodStorage {
  const storage: PodStorage = { volumes: [], mounts: [], initContainers: [] };
  const seen = new Set<string>();
  for (const location of locations) {
    const key = location.kind === 'pvc' ? `pvc:${location.claim}` : location.uri;
    if (location.kind === 'remote' || seen.has(key)) continue;
    seen.add(key);
    if (location.kind === 'pvc') addClaim(storage, location.claim, !writable.has(location.claim));
    else addFetch(storage, location);
  }
  return storage;
}

function addClaim(storage: PodStorage, claimName: string, readOnly: boolean): void {
  const name = `pvc-${shortId(claimName)}`;
  const mountPath = `${MODEL_MOUNT_PATH}/${claimName}`;
  storage.volumes.push({
    name,
    persistentVolumeClaim: readOnly ? { claimName, readOnly } : { claimName },
  });
  storage.mounts.push(readOnly ? { name, mountPath, readOnly } : { name, mountPath });
}

function addFetch(storage: PodStorage, location: Extract<Location, { kind: 'fetch' }>): void {
  if (storage.initContainers.length === 0) {
    storage.volumes.push({ name: DOWNLOADS, emptyDir: {} });
    storage.mounts.push({ name: DOWNLOADS, mountPath: DOWNLOAD_MOUNT_PATH, readOnly: true });
  }
  const fetcher = FETCHERS[location.scheme];
  // subPath: the kubelet creates the folder, and each fetcher sees only its own.
  storage.initContainers.push({
    name: `fetch-${location.id}`,
    image: fetcher.image,
    command: fetcher.command(location.uri, location.local),
    volumeMounts: [{ name: DOWNLOADS, mountPath: location.local, subPath: location.id }],
  });
}
