import type { RoutingPolicy } from '@sluice/crds';
import type { CompiledPolicy } from './policy.js';
import { compileFromObject, type Compile } from './snapshot.js';

/**
 * Compiles each policy once per generation. The API server bumps metadata.generation on every
 * spec change and only then, so (uid, generation) names one spec exactly; status writes and
 * model changes rebuild the snapshot but reuse the compiled policy, its regexes and keyword
 * patterns. One entry per policy: an older generation is dropped when a newer one compiles.
 */
export function cachedCompiler(compile: Compile = compileFromObject): Compile {
  const cache = new Map<string, { generation: number; compiled: CompiledPolicy | undefined }>();
  return (policy: RoutingPolicy) => {
    const meta = policy.metadata ?? {};
    const key = meta.uid ?? `${meta.namespace ?? 'default'}/${meta.name ?? ''}`;
    const generation = meta.generation;
    const hit = cache.get(key);
    if (generation !== undefined && hit?.generation === generation) return hit.compiled;
    const compiled = compile(policy);
    if (generation !== undefined) cache.set(key, { generation, compiled });
    return compiled;
  };
}
