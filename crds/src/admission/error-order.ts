// kube-openapi's object validator checks properties before `required`, so a missing field is
// reported after the errors inside its siblings; ajv reports `required` first. This reorders
// ajv's errors to kube's order, keeping everything else as ajv found it.
import type { ErrorObject } from 'ajv';

function isUnder(error: ErrorObject, path: string): boolean {
  return error.instancePath === path || error.instancePath.startsWith(`${path}/`);
}

export function requiredAfterProperties(errors: readonly ErrorObject[]): ErrorObject[] {
  const ordered = errors.filter((e) => e.keyword !== 'required');
  for (const error of errors.filter((e) => e.keyword === 'required')) {
    const after = ordered.findLastIndex(
      (e) => e.keyword !== 'required' && isUnder(e, error.instancePath),
    );
    const sameNode = ordered.findLastIndex(
      (e) => e.keyword === 'required' && e.instancePath === error.instancePath,
    );
    const at = Math.max(after, sameNode);
    if (at >= 0) ordered.splice(at + 1, 0, error);
    else ordered.splice(errors.indexOf(error), 0, error);
  }
  return ordered;
}
