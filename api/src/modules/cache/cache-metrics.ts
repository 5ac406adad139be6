import { Counter, type Registry } from 'prom-client';

export type CacheKind = 'exact' | 'semantic';
/** hit; miss (nothing usable); rejected (a candidate failed the guard); error (Redis/embedder). */
export type LookupResult = 'hit' | 'miss' | 'rejected' | 'error';

/** Cache counters; hit rate per kind = hit / sum over results. */
export class CacheMetrics {
  readonly lookups: Counter<'kind' | 'result'>;
  readonly stores: Counter<'kind' | 'result'>;
  readonly guardRejections: Counter<'facet'>;

  constructor(registry: Registry) {
    this.lookups = new Counter({
      name: 'sluice_cache_lookups_total',
      help: 'Cache lookups by kind (exact, semantic) and result (hit, miss, rejected, error).',
      labelNames: ['kind', 'result'],
      registers: [registry],
    });
    this.stores = new Counter({
      name: 'sluice_cache_stores_total',
      help: 'Cache writes by kind and result (stored, error).',
      labelNames: ['kind', 'result'],
      registers: [registry],
    });
    this.guardRejections = new Counter({
      name: 'sluice_cache_semantic_guard_rejections_total',
      help: 'Semantic candidates above the threshold refused by the false-hit guard, by facet.',
      labelNames: ['facet'],
      registers: [registry],
    });
  }

  lookup(kind: CacheKind, result: LookupResult): void {
    this.lookups.inc({ kind, result });
  }

  store(kind: CacheKind, result: 'stored' | 'error'): void {
    this.stores.inc({ kind, result });
  }

  /** Current value of a lookup counter: for tests and the status endpoint. */
  async count(kind: CacheKind, result: LookupResult): Promise<number> {
    const { values } = await this.lookups.get();
    return values.find((v) => v.labels.kind === kind && v.labels.result === result)?.value ?? 0;
  }
}
