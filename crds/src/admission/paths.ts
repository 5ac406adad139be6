// Field paths in kube's notation (field.Path): `spec.tiers[0].name`, map keys as `.key` in
// OpenAPI schema errors (kube-openapi joins them with dots) and `[key]` in CEL errors.
import { isJsonObject } from './types.js';

/** Appends a property name: `spec` + `x` -> `spec.x`; at the root there is no dot. */
export function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function keyPath(path: string, key: string): string {
  return `${path}[${key}]`;
}

/**
 * Converts an ajv instancePath (JSON pointer) to a dotted path. The data is walked alongside,
 * since a pointer cannot tell list index `/0` from a map key `"0"`.
 */
export function pointerToPath(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  let path = '';
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = indexPath(path, Number(token));
      node = node[Number(token)];
    } else {
      path = childPath(path, token);
      node = isJsonObject(node) ? node[token] : undefined;
    }
  }
  return path;
}
