import { QueryFailedError, type DataSource } from 'typeorm';
import { SluiceError } from '../grpc/sluice-error.js';

/**
 * The constraint a statement broke, if that is why it failed: SQLSTATE class 23, integrity
 * constraint violation (postgresql.org/docs/current/errcodes-appendix.html). Constraint names
 * are unique per table, so repositories map them to domain errors by name alone.
 */
export function violatedConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const { code, constraint } = error.driverError as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string' || !code.startsWith('23')) return undefined;
  return typeof constraint === 'string' ? constraint : undefined;
}

/**
 * Repositories go through this: until the first connection succeeds TypeORM has built no entity
 * metadata and would fail with a misleading "No metadata for Tenant was found".
 */
export function requireConnected(dataSource: DataSource): DataSource {
  if (!dataSource.isInitialized) throw SluiceError.unavailable('The database is not reachable yet');
  return dataSource;
}
