import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';

/** Past this, ReportUsage stops waiting for the answer: it only decides the `duplicate` flag. */
export const BOOKED_LOOKUP_TIMEOUT_MS = 250;

/**
 * Whether a usage key is already in the ledger: the `duplicate` flag of a report whose queue job
 * BullMQ no longer retains (an hour, 10k jobs). One primary-key probe, asked alongside the queue.
 */
@Injectable()
export class BookedUsageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True or false when PostgreSQL answered in time; undefined when it could not say. */
  async isBooked(tenantId: string, idempotencyKey: string): Promise<boolean | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, BOOKED_LOOKUP_TIMEOUT_MS, undefined);
    });
    const lookup = Promise.resolve()
      .then(() =>
        requireConnected(this.dataSource).query<unknown[]>(
          'SELECT 1 FROM usage_records WHERE tenant_id = $1 AND idempotency_key = $2',
          [tenantId, idempotencyKey],
        ),
      )
      .then(
        (rows) => rows.length > 0,
        () => undefined,
      );
    return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
  }
}
