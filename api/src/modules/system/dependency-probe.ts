/**
 * A service the API relies on; `check` resolves when it answers (with a detail worth showing, if
 * any, else "ok") and rejects with why it does not.
 */
export interface DependencyProbe {
  readonly name: string;
  check(): Promise<string | void>;
}

/** Multi-provider token: each infrastructure module contributes its probe. */
export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');
