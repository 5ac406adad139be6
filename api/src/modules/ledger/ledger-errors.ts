import { QueryFailedError } from 'typeorm';

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22 data exception or 23 integrity
 * violation, e.g. an unknown tenant), as opposed to being unreachable or overloaded: retrying
 * such a statement can never succeed (postgresql.org/docs/current/errcodes-appendix.html).
 */
export function isDataRejection(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code } = error.driverError as { code?: unknown };
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
