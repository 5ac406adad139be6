/** What a beforeAll fills in, field by field (and an afterAll reads to clean up what it made). */
export type Parts<T> = { -readonly [K in keyof T]?: T[K] | undefined };

/**
 * A fixture object whose fields a beforeAll fills in (`parts`): tests hold `fixture` from the
 * start and read its fields inside tests and hooks. Reading a field not filled in (at describe
 * time, or a part the fixture was not asked for) throws, naming it, rather than giving undefined.
 */
export function filledLater<T extends object>(name: string): { fixture: T; parts: Parts<T> } {
  const parts: Parts<T> = {};
  const fixture = new Proxy(parts, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      // Symbols and `then` are how runtimes probe any object (inspection, await): not fields.
      if (value === undefined && typeof key === 'string' && key !== 'then')
        throw new Error(`${name}: no ${String(key)} (read before beforeAll, or not asked for)`);
      return value;
    },
  }) as T;
  return { fixture, parts };
}
