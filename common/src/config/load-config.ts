import type { z } from 'zod';

/** A setting failed validation; `message` is one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const variable = String(issue.path[0] ?? '(environment)');
  const raw = env[variable];
  const got = raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`;
  return `${variable}: ${issue.message}${got}`;
}

/**
 * Reads and validates settings once, at start-up, into a frozen object: nobody else reads
 * process.env (the Immich rule in STYLE.md). Empty strings count as unset so that
 * `FOO= make run` falls back to the default instead of failing.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.output<S>> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => describe(i, present)));
  return Object.freeze(result.data);
}

/** For `main.ts`: a bad value prints its single line to stderr and exits with EX_CONFIG (78). */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  program: string,
): Readonly<z.output<S>> {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${program}: ${error.message}\n`);
    process.exit(78);
  }
}
