import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many outcomes one report counts (router.proto ReportOutcomeRequest.quantity, e.g. 12
 * documents processed), so cost per outcome divides by outcomes, not by reports.
 */
export class AddOutcomeQuantity1795830478308 implements MigrationInterface {
  readonly name = 'AddOutcomeQuantity1795830478308';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "outcomes" ADD COLUMN "quantity" bigint NOT NULL DEFAULT 1,
        ADD CONSTRAINT "outcomes_quantity_check" CHECK ("quantity" >= 1)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outcomes" DROP COLUMN "quantity"`);
  }
}
