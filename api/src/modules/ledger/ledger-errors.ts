import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22 data exception or 23 integrity
 * violation, e.g. an unknown tenant), as opposed to being unreachable or overloaded: retrying
 * such a statement can never succeed (postgresql.org/docs/current/errcodes-appendix.html).
 * TypeORM wraps a query's error; a COPY's (pg-copy-streams, usage-writer.ts) comes from pg as is.
 */
export function isDataRejection(error: unknown): boolean {
  let code: unknown;
  if (error instanceof QueryFailedError) ({ code } = error.driverError as { code?: unknown });
  else if (error instanceof DatabaseError) ({ code } = error);
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
