import { createHash } from 'node:crypto';

/**
 * A BullMQ queue name for the ledger behind `databaseUrl`. Installs (or test runs) that share a
 * Redis must not take each other's jobs: a usage report belongs to one ledger, so its queue is
 * named after that ledger's database (host, port and name; never the credentials).
 */
export function ledgerQueueName(base: string, databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const ledger = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  return `${base}-${createHash('sha256').update(ledger).digest('hex').slice(0, 12)}`;
}
