/** An item PostgreSQL refused, and why. */
export interface Refused<T> {
  readonly item: T;
  readonly error: unknown;
}

/**
 * Writes `items` in one statement; when `isolate(error)` says the database refused the data
 * itself (not that it is unreachable), splits the batch in halves and writes each, down to the
 * refused items alone. One poison row in a batch of n costs about 2·log2(n) statements instead of
 * failing the whole batch forever, and the good rows land. Any other error is thrown as is, for
 * the caller to retry the whole batch (writes must be idempotent, since some halves may have
 * committed by then).
 */
export async function writeIsolating<T>(
  items: readonly T[],
  write: (items: readonly T[]) => Promise<unknown>,
  isolate: (error: unknown) => boolean,
): Promise<Array<Refused<T>>> {
  if (items.length === 0) return [];
  try {
    await write(items);
    return [];
  } catch (error) {
    if (!isolate(error)) throw error;
    return writeHalves(items, error, write, isolate);
  }
}

/** writeIsolating for `items` whose write just failed with `error`, a data refusal. */
export async function writeHalves<T>(
  items: readonly T[],
  error: unknown,
  write: (items: readonly T[]) => Promise<unknown>,
  isolate: (error: unknown) => boolean,
): Promise<Array<Refused<T>>> {
  const [only] = items;
  if (items.length === 1 && only !== undefined) return [{ item: only, error }];
  const half = Math.ceil(items.length / 2);
  const first = await writeIsolating(items.slice(0, half), write, isolate);
  return [...first, ...(await writeIsolating(items.slice(half), write, isolate))];
}
