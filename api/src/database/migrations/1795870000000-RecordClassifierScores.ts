import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: under the learned classifier each decision has a task kind (the caller's label, else
 * the predicted one), a smallOk score and the model version that scored it. The RoutingPolicy
 * status loop reads the recent scores to calibrate classifier.target (policy-status/README.md),
 * and a shadow verdict takes the judged decision's kind and score bucket. NULL for decisions of
 * the rules classifier and for every decision before this migration.
 */
export class RecordClassifierScores1795870000000 implements MigrationInterface {
  readonly name = 'RecordClassifierScores1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "route_decisions"
        ADD COLUMN "task_kind" text,
        ADD COLUMN "small_ok" double precision,
        ADD COLUMN "classifier_version" text,
        ADD CONSTRAINT "route_decisions_small_ok_check" CHECK ("small_ok" BETWEEN 0 AND 1)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "route_decisions" DROP CONSTRAINT "route_decisions_small_ok_check",
        DROP COLUMN "classifier_version", DROP COLUMN "small_ok", DROP COLUMN "task_kind"
    `);
  }
}
