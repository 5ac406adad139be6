/**
 * FNV-1a (32 bit) of a string with murmur3's finalizer, as a fraction in [0, 1). Sticky choices and shadow sampling hash the
 * decision id so that a retry of the same decision lands on the same model and the same sampling
 * verdict, on every replica of the API, without shared state. Not cryptographic; it only needs to
 * spread ids evenly.
 */
export function hashFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV-1a alone mixes the last characters poorly into the high bits, and ids often differ only
  // there (decision-41, decision-42): murmur3's finalizer spreads every bit over the result.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
