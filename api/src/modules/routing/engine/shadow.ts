import { hashFraction } from './hash.js';
import type { CompiledPolicy } from './policy.js';

/**
 * Shadow sampling (spec.shadow): a share of the queries routed to a cheaper tier than the judge
 * tier is also sent to the judge, so routing quality is measured, not assumed. The verdict for a
 * decision id is a hash, so a retried decision is sampled the same way on every replica. The hash
 * is salted: unsalted it would equal the sticky model pick, and the sample would then only ever
 * judge the models that low hashes choose.
 */
export function shadowTierFor(
  policy: CompiledPolicy,
  routedTier: string,
  sample: { readonly decisionId: string | undefined; readonly random: () => number },
): string | undefined {
  const shadow = policy.shadow;
  if (shadow === undefined || shadow.samplePercent <= 0) return undefined;
  const judge = policy.tierIndex.get(shadow.tier);
  const routed = policy.tierIndex.get(routedTier);
  // Only traffic routed below the judge counts as simple-routed; the judge does not judge itself.
  if (judge === undefined || routed === undefined || routed >= judge) return undefined;
  const fraction =
    sample.decisionId === undefined ? sample.random() : hashFraction(`shadow:${sample.decisionId}`);
  return fraction * 100 < shadow.samplePercent ? shadow.tier : undefined;
}
