/**
 * Picks one entry by weight with a number in [0, 1): entry i owns the slice of [0, total) its
 * weight covers, in list order. Injecting the number (random, or a hash of the decision id for
 * sticky routing) keeps the choice a pure function that tests can pin. Entries of weight 0 are
 * never picked unless all are 0, when the pick is uniform. undefined only for an empty list.
 */
export function weightedPick<T extends { readonly weight: number }>(
  entries: readonly T[],
  pick: number,
): T | undefined {
  const fraction = Math.min(Math.max(pick, 0), 1 - Number.EPSILON);
  const total = entries.reduce((sum, entry) => sum + Math.max(0, entry.weight), 0);
  if (total <= 0) return entries[Math.floor(fraction * entries.length)];
  let point = fraction * total;
  for (const entry of entries) {
    point -= Math.max(0, entry.weight);
    if (point < 0) return entry;
  }
  // Rounding can leave point at 0 after the last slice: it belongs to the last weighted entry.
  return entries.findLast((entry) => entry.weight > 0);
}
