/**
 * FNV-1a (32 bit) of a string, as a fraction in [0, 1). Sticky choices and shadow sampling hash the
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
  return (hash >>> 0) / 0x1_0000_0000;
}
