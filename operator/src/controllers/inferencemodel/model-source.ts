// Where the weights come from, as volumes: pvc://<claim>/<path> mounts the claim read-only under
// MODEL_MOUNT_PATH; Hugging Face ids download into the cache volume; s3:// and gs:// stream.
import type { V1Volume, V1VolumeMount } from '@kubernetes/client-node';

export const MODEL_MOUNT_PATH = '/models';
export const CACHE_MOUNT_PATH = '/root/.cache/huggingface';

/** The claim name of a pvc:// model URI, or undefined. */
export function pvcClaim(model: string): string | undefined {
  return /^pvc:\/\/([^/]+)/.exec(model)?.[1];
}

export function modelVolumes(model: string): { volumes: V1Volume[]; mounts: V1VolumeMount[] } {
  const volumes: V1Volume[] = [
    // vLLM's tensor-parallel workers talk through shared memory; the default 64Mi is too small.
    { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } },
    { name: 'model-cache', emptyDir: {} },
  ];
  const mounts: V1VolumeMount[] = [
    { name: 'dshm', mountPath: '/dev/shm' },
    { name: 'model-cache', mountPath: CACHE_MOUNT_PATH },
  ];
  const claim = pvcClaim(model);
  if (claim) {
    volumes.push({ name: 'model', persistentVolumeClaim: { claimName: claim, readOnly: true } });
    mounts.push({ name: 'model', mountPath: `${MODEL_MOUNT_PATH}/${claim}`, readOnly: true });
  }
  return { volumes, mounts };
}
