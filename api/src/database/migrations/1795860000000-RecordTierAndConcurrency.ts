import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SPEC 4 allocation: a model's idle GPU cost is owned by the model and its tier even when no
 * query named either, and its busy share is request time over replica time x the sequences a
 * replica batches at once. Both come from the InferenceModel spec, so the capacity history
 * records them with the replicas. Rows from before carry no tier ('') and the CRD's default
 * batch size (spec.vllm.batching.maxNumSeqs defaults to 256, which the API server filled in).
 */
export class RecordTierAndConcurrency1795860000000 implements MigrationInterface {
  readonly name = 'RecordTierAndConcurrency1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "capacity_history"
        ADD COLUMN "tier" text NOT NULL DEFAULT '',
        ADD COLUMN "max_concurrency" integer NOT NULL DEFAULT 256,
        ADD CONSTRAINT "capacity_history_max_concurrency_check" CHECK ("max_concurrency" >= 1)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "capacity_history" DROP CONSTRAINT "capacity_history_max_concurrency_check",
        DROP COLUMN "max_concurrency", DROP COLUMN "tier"
    `);
  }
}
