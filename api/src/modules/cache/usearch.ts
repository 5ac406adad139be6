import { createRequire } from 'node:module';
import type * as Usearch from 'usearch';

/**
 * usearch's ESM entry cannot find its prebuilt binary (it looks for it relative to a file URL
 * and recurses until the stack overflows), while its CommonJS entry finds it; so it is loaded
 * through require. The types are the package's own.
 */
const usearch = createRequire(import.meta.url)('usearch') as typeof Usearch;

export const { Index, MetricKind, ScalarKind, exactSearch } = usearch;
export type UsearchIndex = Usearch.Index;
