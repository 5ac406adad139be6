import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Economics read the raw rows of a window's partial edge hours for every tenant (admins); with
 * indexes only on (tenant, time), (model, time) and the unrolled tail, that was a sequential
 * scan of the whole ledger per report. usage_records is appended in time order, so a BRIN
 * index on occurred_at finds an hour's pages for a few kilobytes, and costs ingest next to
 * nothing (docs/adr/0009-economics-at-scale.md). Built on existing rows by CREATE INDEX.
 */
export class IndexUsageByTime1795890000000 implements MigrationInterface {
  readonly name = 'IndexUsageByTime1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "usage_records_occurred_at_brin" ON "usage_records" USING brin ("occurred_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "usage_records_occurred_at_brin"`);
  }
}
