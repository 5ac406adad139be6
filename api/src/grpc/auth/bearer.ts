/**
 * The API token of a call: `authorization: Bearer <token>` metadata (RFC 6750 section 2.1; the
 * scheme is case-insensitive). undefined when absent or not a single Bearer credential.
 */
export function bearerToken(values: readonly unknown[]): string | undefined {
  if (values.length !== 1 || typeof values[0] !== 'string') return undefined;
  const match = /^bearer +(\S+)\s*$/i.exec(values[0]);
  return match?.[1];
}
