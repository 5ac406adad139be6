import { SluiceError } from '../../grpc/sluice-error.js';
import type { CellContext, UsageCell } from './economics.types.js';

/** Dimensions of economics.proto; `tag:<key>` for any tenant tag. */
const FIXED = ['model', 'tier', 'provider', 'policy', 'template'] as const;
const TAG_KEY = /^[a-z][a-z0-9_]{0,62}$/;
export const MAX_GROUP_BY = 8;
export const MAX_FILTER_VALUES = 1000;

export interface Filter {
  readonly dimension: string;
  readonly values: ReadonlySet<string>;
}

/** The reason `dimension` is not one, or undefined when it is valid. */
export function dimensionError(dimension: string): string | undefined {
  if ((FIXED as readonly string[]).includes(dimension)) return undefined;
  if (!dimension.startsWith('tag:')) {
    return `unknown dimension "${dimension}"; use ${FIXED.join(', ')} or tag:<key>`;
  }
  return TAG_KEY.test(dimension.slice(4)) ? undefined : 'tag key must match ^[a-z][a-z0-9_]{0,62}$';
}

/** Checks group_by: known dimensions, no repeats, at most MAX_GROUP_BY. */
export function validateGroupBy(groupBy: readonly string[]): void {
  if (groupBy.length > MAX_GROUP_BY) {
    throw SluiceError.invalidArgument('group_by', `at most ${MAX_GROUP_BY} dimensions`);
  }
  groupBy.forEach((dimension, index) => {
    const error = dimensionError(dimension);
    if (error !== undefined) throw SluiceError.invalidArgument(`group_by[${index}]`, error);
    if (groupBy.indexOf(dimension) !== index) {
      throw SluiceError.invalidArgument(`group_by[${index}]`, `"${dimension}" is repeated`);
    }
  });
}

/** Checks filters and turns them into sets; values of one filter are OR, filters AND. */
export function parseFilters(
  filters: ReadonlyArray<{ dimension: string; values: readonly string[] }>,
): Filter[] {
  return filters.map((filter, index) => {
    const error = dimensionError(filter.dimension);
    if (error !== undefined) {
      throw SluiceError.invalidArgument(`filters[${index}].dimension`, error);
    }
    if (filter.values.length === 0 || filter.values.length > MAX_FILTER_VALUES) {
      throw SluiceError.invalidArgument(
        `filters[${index}].values`,
        `between 1 and ${MAX_FILTER_VALUES} values`,
      );
    }
    return { dimension: filter.dimension, values: new Set(filter.values) };
  });
}

/** A cell's value of one (valid) dimension; '' where the usage has none. */
export function dimensionValue(cell: UsageCell, dimension: string, ctx: CellContext): string {
  switch (dimension) {
    case 'model':
      return cell.model;
    case 'tier':
      return cell.tier;
    case 'provider':
      return ctx.providerOf(cell.model);
    case 'policy':
      return cell.policy;
    case 'template':
      return cell.template;
    default:
      return cell.tags[dimension.slice(4)] ?? '';
  }
}

export const matchesFilters = (
  cell: UsageCell,
  filters: readonly Filter[],
  ctx: CellContext,
): boolean => filters.every((f) => f.values.has(dimensionValue(cell, f.dimension, ctx)));

/** Tag equalities a filter set implies for SQL pre-filtering: single-valued tag filters only. */
export function requiredTags(filters: readonly Filter[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const filter of filters) {
    const [only] = filter.values;
    if (filter.dimension.startsWith('tag:') && filter.values.size === 1 && only !== undefined) {
      tags[filter.dimension.slice(4)] = only;
    }
  }
  return tags;
}

/** Whether tags (an outcome's) pass the tag filters; other dimensions do not apply to them. */
export const matchesTagFilters = (
  tags: Record<string, string>,
  filters: readonly Filter[],
): boolean =>
  filters.every(
    (f) => !f.dimension.startsWith('tag:') || f.values.has(tags[f.dimension.slice(4)] ?? ''),
  );
