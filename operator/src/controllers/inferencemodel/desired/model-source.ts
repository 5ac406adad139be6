// Where weights and adapters come from, and the local path vLLM (or the trainer) reads them at.
// vLLM's --model and --lora-modules take a local path or a Hugging Face id, not an object-store
// URI (--model s3:// only with the Run:ai streamer), so every other source is made local:
//   pvc://<claim>/<path>  the claim is mounted at /models/<claim>      -> /models/<claim>/<path>
//   s3://... and gs://... an init container fetches it into an emptyDir -> /downloads/<id>
//   anything else         passed through (Hugging Face ids; vLLM downloads them itself)
import { configHash } from '../plan/config-hash.js';

export const MODEL_MOUNT_PATH = '/models';
export const DOWNLOAD_MOUNT_PATH = '/downloads';
export const CACHE_MOUNT_PATH = '/root/.cache/huggingface';

export type FetchScheme = 's3' | 'gs';

export type Location =
  | { kind: 'pvc'; uri: string; claim: string; local: string }
  | { kind: 'fetch'; uri: string; scheme: FetchScheme; id: string; local: string }
  | { kind: 'remote'; uri: string; local: string };

/** The claim name of a pvc:// URI, or undefined. */
export function pvcClaim(uri: string): string | undefined {
  return /^pvc:\/\/([^/]+)/.exec(uri)?.[1];
}

/** A short, stable, DNS-label-safe id for a name that may be long or hold dots and slashes. */
export function shortId(value: string): string {
  return configHash(value).slice(0, 10);
}

export function locate(uri: string): Location {
  const pvc = /^pvc:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (pvc?.[1] !== undefined) {
    const claim = pvc[1];
    const path = pvc[2] ? `/${pvc[2].replace(/\/+$/, '')}` : '';
    return { kind: 'pvc', uri, claim, local: `${MODEL_MOUNT_PATH}/${claim}${path}` };
  }
  const scheme = /^(s3|gs):\/\//.exec(uri)?.[1] as FetchScheme | undefined;
  if (scheme) {
    const id = shortId(uri);
    return { kind: 'fetch', uri, scheme, id, local: `${DOWNLOAD_MOUNT_PATH}/${id}` };
  }
  return { kind: 'remote', uri, local: uri };
}
