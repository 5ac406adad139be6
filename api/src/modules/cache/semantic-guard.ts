import { extractFacets, type Facets } from './facets.js';
import type { Polarity } from './polarity.js';

export type GuardFacet =
  | 'urls'
  | 'code'
  | 'quoted'
  | 'dates'
  | 'identifiers'
  | 'numbers'
  | 'entities'
  | 'negation'
  | 'polarity';

export type GuardVerdict =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly facet: GuardFacet; readonly reason: string };

const EXACT_FACETS = ['urls', 'code', 'quoted', 'dates', 'identifiers', 'numbers'] as const;

/**
 * The false-hit guard. Similarity caches (GPTCache, LiteLLM's, vLLM semantic router) serve a
 * stored answer to any prompt close enough in embedding space, and "enable 2FA" is close to
 * "disable 2FA", "15% of 80" to "15% of 90", Paris to London. A candidate above the threshold
 * is accepted only if both prompts agree on every critical facet; any difference rejects it,
 * with the facet and values named. Conservative by design: a wrong rejection costs one model
 * call, a wrong hit serves a wrong answer.
 */
export function guardSemanticHit(query: string, cached: string): GuardVerdict {
  return compareFacets(extractFacets(query), extractFacets(cached));
}

export function compareFacets(a: Facets, b: Facets): GuardVerdict {
  for (const facet of EXACT_FACETS) {
    if (!sameList(a[facet], b[facet])) {
      return reject(facet, `${show(a[facet])} vs ${show(b[facet])}`);
    }
  }
  const missing =
    a.entities.find((name) => !b.words.has(name)) ?? b.entities.find((name) => !a.words.has(name));
  if (missing !== undefined) return reject('entities', `"${missing}" is named in only one prompt`);
  return comparePolarity(a.polarity, b.polarity);
}

/**
 * Negations must balance, and on each axis both prompts mentioning it must use the same poles
 * ("enable" vs "disable"). An axis only one prompt uses is left to the similarity threshold:
 * "first" or "most" appear in too many harmless rewordings to demand them on both sides.
 */
function comparePolarity(a: Polarity, b: Polarity): GuardVerdict {
  if (a.negations !== b.negations) {
    return reject('negation', `${a.negations} negation(s) vs ${b.negations}`);
  }
  for (const [axis, poles] of a.axes) {
    const other = b.axes.get(axis);
    if (other !== undefined && other !== poles) {
      return reject('polarity', `opposite poles on "${axis}" (${poles} vs ${other})`);
    }
  }
  return { accepted: true };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

const show = (items: readonly string[]): string =>
  items.length === 0 ? 'none' : items.map((i) => `"${i}"`).join(', ');

const reject = (facet: GuardFacet, reason: string): GuardVerdict => ({
  accepted: false,
  facet,
  reason,
});
