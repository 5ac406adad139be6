import type { ModelRef } from './ledger.types.js';

/** The label value of everything past a bound: unknown models, tag values over the cap. */
export const OTHER_LABEL = 'other';

/** Whether an InferenceModel of that namespace and name is in the catalog. */
export type KnownModels = (model: ModelRef) => boolean;

/**
 * A metric label's value for a model: `namespace/name` for a model the catalog knows, else
 * `other`. A usage report may name any model (a fallback the caller called), and every distinct
 * label value is a series kept for good: only the catalog's models get one each.
 */
export function modelLabel(model: ModelRef, known: KnownModels): string {
  return known(model) ? `${model.namespace}/${model.name}` : OTHER_LABEL;
}

/**
 * One label's values, bounded: the first `max` distinct values keep their own, later ones are
 * `other` (empty, for usage without the tag, is always itself). The set only grows to `max`.
 */
export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: string): string {
    if (value === '' || this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}

/** Label name of a tenant tag key: prefixed, so a tag key can never clash with `model`. */
export const tagLabelName = (key: string): string => `tag_${key}`;

/**
 * The tag labels of one usage row for the keys an operator chose (METRICS_TAG_LABELS), each
 * value bounded by its key's BoundedLabelValues. No keys, no tenant data.
 */
export function tagLabels(
  tags: Readonly<Record<string, string>>,
  bounded: ReadonlyMap<string, BoundedLabelValues>,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, values] of bounded) labels[tagLabelName(key)] = values.of(tags[key] ?? '');
  return labels;
}
