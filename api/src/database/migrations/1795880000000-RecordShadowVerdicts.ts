import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 point 5: a caller or judge says whether the cheap answer of a shadowed decision was as
 * good as the shadow tier's (router.proto ReportShadowVerdict); the policy-status loop turns the
 * verdicts into acceptance per smallOk bucket and task kind, and minQualityPercent into a
 * boundary. One row per decision (its ledger id is the key, so a repeat is a duplicate and a
 * caller cannot grow the table past the decisions it really had shadowed). No foreign key to
 * route_decisions: Route books its decisions behind the answer, so a quick judge can come first.
 * The bucket is what the loop reads, not the raw score: it is all the verdict says of it.
 */
export class RecordShadowVerdicts1795880000000 implements MigrationInterface {
  readonly name = 'RecordShadowVerdicts1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "shadow_verdicts" (
        "decision_id" uuid NOT NULL,
        "tenant_id" uuid NOT NULL,
        "policy_namespace" text NOT NULL,
        "policy_name" text NOT NULL,
        "task_kind" text NOT NULL DEFAULT '',
        "small_ok_bucket" smallint,
        "acceptable" boolean NOT NULL,
        "judge" text NOT NULL DEFAULT '',
        "judged_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "shadow_verdicts_pkey" PRIMARY KEY ("decision_id"),
        CONSTRAINT "shadow_verdicts_tenant_id_fkey"
          FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id"),
        CONSTRAINT "shadow_verdicts_small_ok_bucket_check"
          CHECK ("small_ok_bucket" IS NULL OR "small_ok_bucket" BETWEEN 0 AND 9)
      )
    `);
    // The loop reads one policy's recent verdicts on every pass.
    await queryRunner.query(
      `CREATE INDEX "shadow_verdicts_policy_judged_at_idx"
         ON "shadow_verdicts" ("policy_namespace", "policy_name", "judged_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "shadow_verdicts"`);
  }
}
