// kube-apiserver's size limit on a ConfigMap (pkg/apis/core/validation ValidateConfigMap): the
// values of data (UTF-8 bytes) and binaryData (decoded bytes) together, keys not counted, at most
// core.MaxSecretSize. The error is field.TooLong on an empty path, which Go prints as `[]`:
// `ConfigMap "x" is invalid: []: Too long: must have at most 1048576 bytes`.
import type { FieldError } from './errors.js';
import type { KubeObject } from './types.js';

export const MAX_CONFIG_MAP_BYTES = 1_048_576;

const values = (o: KubeObject, field: string): string[] =>
  Object.values((o[field] as Record<string, string> | undefined) ?? {});

/** The bytes a ConfigMap holds, as the real server counts them. */
export function configMapBytes(o: KubeObject): number {
  const text = values(o, 'data').reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0);
  const binary = values(o, 'binaryData').reduce((n, v) => n + Buffer.from(v, 'base64').length, 0);
  return text + binary;
}

export function configMapSizeErrors(o: KubeObject): FieldError[] {
  if (configMapBytes(o) <= MAX_CONFIG_MAP_BYTES) return [];
  const message = `must have at most ${MAX_CONFIG_MAP_BYTES} bytes`;
  return [{ field: '[]', type: 'Too long', message }];
}
