import { featureDims } from '../features/feature-config.js';
import type { ArtifactHeader } from './artifact.js';

/** Hash bits an artifact may declare: past 20 its weights alone would pass 90 MB. */
export const MAX_HASH_BITS = 20;

const validBits = (bits: unknown): bits is number =>
  Number.isInteger(bits) && (bits as number) >= 1 && (bits as number) <= MAX_HASH_BITS;

/** The first header field that is wrong, as a message naming it; undefined when none is. */
function headerProblem(header: ArtifactHeader): string | undefined {
  const kinds = Array.isArray(header.kinds) ? header.kinds.length : 0;
  if (kinds < 2) return 'kinds must list at least 2 kinds';
  if (!Array.isArray(header.acceptance) || header.acceptance.length !== kinds)
    return `acceptance must have one entry per kind (${kinds})`;
  const bits = header.features?.hashBits;
  if (!validBits(bits)) return `features.hashBits must be an integer from 1 to ${MAX_HASH_BITS}`;
  const dims = featureDims(header.features);
  if (header.dims !== dims)
    return `dims ${String(header.dims)} is not ${dims}, what features.hashBits ${bits} gives`;
  return header.temperature > 0 ? undefined : 'temperature must be above 0';
}

/**
 * An artifact may come from a user's ConfigMap: a header whose parts disagree would index past
 * the weights (NaN scores) rather than fail, so it is refused here, naming the header field.
 */
export function checkHeader(header: ArtifactHeader): void {
  const problem = headerProblem(header);
  if (problem !== undefined) throw new Error(`Router model artifact header: ${problem}`);
}
