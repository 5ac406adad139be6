import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The usage ledger (SPEC 4). Money is numeric, never float: prices numeric(20,6) (the CRDs' six
 * decimals), amounts numeric(38,12) (picodollars, see modules/ledger/money.ts). Raw rows are
 * kept; usage_hourly is derived from them and can always be rebuilt. Frozen history like every
 * migration: the SQL is spelled out and the integration test checks the entities agree.
 */
export class CreateLedger1795826166731 implements MigrationInterface {
  readonly name = 'CreateLedger1795826166731';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "model_prices" (
        "model_namespace" text NOT NULL,
        "model_name" text NOT NULL,
        "effective_from" timestamptz NOT NULL,
        "provider" text NOT NULL,
        "input_per_1m" numeric(20,6),
        "cached_input_per_1m" numeric(20,6),
        "output_per_1m" numeric(20,6),
        "gpu_hourly_usd" numeric(20,6),
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "model_prices_pkey"
          PRIMARY KEY ("model_namespace", "model_name", "effective_from"),
        CONSTRAINT "model_prices_provider_check" CHECK ("provider" IN ('vllm', 'external')),
        CONSTRAINT "model_prices_priced_check" CHECK (
          ("provider" = 'external' AND "input_per_1m" IS NOT NULL AND "output_per_1m" IS NOT NULL)
          OR ("provider" = 'vllm' AND "gpu_hourly_usd" IS NOT NULL)),
        CONSTRAINT "model_prices_non_negative_check" CHECK (
          "input_per_1m" >= 0 AND "cached_input_per_1m" >= 0 AND "output_per_1m" >= 0
          AND "gpu_hourly_usd" >= 0)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "capacity_history" (
        "model_namespace" text NOT NULL,
        "model_name" text NOT NULL,
        "observed_at" timestamptz NOT NULL,
        "ready_replicas" integer NOT NULL,
        "gpus_per_replica" integer NOT NULL,
        "gpu_hourly_usd" numeric(20,6) NOT NULL,
        CONSTRAINT "capacity_history_pkey"
          PRIMARY KEY ("model_namespace", "model_name", "observed_at"),
        CONSTRAINT "capacity_history_non_negative_check" CHECK (
          "ready_replicas" >= 0 AND "gpus_per_replica" >= 0 AND "gpu_hourly_usd" >= 0)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "route_decisions" (
        "decision_id" uuid NOT NULL,
        "tenant_id" uuid NOT NULL,
        "policy_namespace" text NOT NULL,
        "policy_name" text NOT NULL,
        "rule" text NOT NULL,
        "tier" text NOT NULL,
        "model_namespace" text NOT NULL,
        "model_name" text NOT NULL,
        "complexity" text NOT NULL,
        "cache_kind" text NOT NULL,
        "tags" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "template" text,
        "prompt_tokens" bigint NOT NULL,
        "baseline_model_namespace" text,
        "baseline_model_name" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "route_decisions_pkey" PRIMARY KEY ("decision_id"),
        CONSTRAINT "route_decisions_tenant_id_fkey"
          FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id"),
        CONSTRAINT "route_decisions_complexity_check" CHECK ("complexity" IN ('simple', 'complex')),
        CONSTRAINT "route_decisions_cache_kind_check"
          CHECK ("cache_kind" IN ('none', 'exact', 'semantic')),
        CONSTRAINT "route_decisions_tags_object_check" CHECK (jsonb_typeof("tags") = 'object'),
        CONSTRAINT "route_decisions_prompt_tokens_check" CHECK ("prompt_tokens" >= 0)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "route_decisions_tenant_id_created_at_idx" ON "route_decisions" ("tenant_id", "created_at")`,
    );
    await this.createUsage(queryRunner);
    await this.createOutcomes(queryRunner);
    await this.createUsageHourly(queryRunner);
  }

  private async createUsage(queryRunner: QueryRunner): Promise<void> {
    // The key is the idempotency key per tenant: a retried report lands on the same row.
    await queryRunner.query(`
      CREATE TABLE "usage_records" (
        "tenant_id" uuid NOT NULL,
        "idempotency_key" text NOT NULL,
        "decision_id" uuid NOT NULL,
        "model_namespace" text NOT NULL,
        "model_name" text NOT NULL,
        "tier" text NOT NULL,
        "cache_kind" text NOT NULL,
        "baseline_model_namespace" text,
        "baseline_model_name" text,
        "input_tokens" bigint NOT NULL,
        "cached_input_tokens" bigint NOT NULL,
        "output_tokens" bigint NOT NULL,
        "latency_ms" integer NOT NULL,
        "status" text NOT NULL,
        "pricing" text NOT NULL,
        "cost_usd" numeric(38,12) NOT NULL,
        "baseline_cost_usd" numeric(38,12),
        "no_cache_cost_usd" numeric(38,12),
        "tags" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "template" text,
        "occurred_at" timestamptz NOT NULL,
        "ingested_at" timestamptz NOT NULL DEFAULT now(),
        "rolled_up_at" timestamptz,
        CONSTRAINT "usage_records_pkey" PRIMARY KEY ("tenant_id", "idempotency_key"),
        CONSTRAINT "usage_records_tenant_id_fkey"
          FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id"),
        CONSTRAINT "usage_records_idempotency_key_check"
          CHECK (length("idempotency_key") BETWEEN 1 AND 200),
        CONSTRAINT "usage_records_cache_kind_check"
          CHECK ("cache_kind" IN ('none', 'exact', 'semantic')),
        CONSTRAINT "usage_records_status_check" CHECK ("status" IN ('ok', 'error', 'cancelled')),
        CONSTRAINT "usage_records_pricing_check"
          CHECK ("pricing" IN ('token', 'capacity', 'unpriced')),
        CONSTRAINT "usage_records_non_negative_check" CHECK (
          "input_tokens" >= 0 AND "cached_input_tokens" >= 0 AND "output_tokens" >= 0
          AND "latency_ms" >= 0 AND "cost_usd" >= 0),
        CONSTRAINT "usage_records_tags_object_check" CHECK (jsonb_typeof("tags") = 'object')
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "usage_records_tenant_id_occurred_at_idx" ON "usage_records" ("tenant_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "usage_records_model_occurred_at_idx" ON "usage_records" ("model_namespace", "model_name", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "usage_records_decision_id_idx" ON "usage_records" ("decision_id")`,
    );
    // jsonb_path_ops serves `tags @> '{"team":"search"}'`, the only tag query the ledger makes.
    await queryRunner.query(
      `CREATE INDEX "usage_records_tags_idx" ON "usage_records" USING gin ("tags" jsonb_path_ops)`,
    );
    // The tail the rollup has not absorbed yet: small, and read by every report.
    await queryRunner.query(
      `CREATE INDEX "usage_records_unrolled_idx" ON "usage_records" ("occurred_at") WHERE "rolled_up_at" IS NULL`,
    );
  }

  private async createOutcomes(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outcomes" (
        "tenant_id" uuid NOT NULL,
        "idempotency_key" text NOT NULL,
        "name" text NOT NULL,
        "value" numeric(38,12),
        "decision_ids" uuid array NOT NULL DEFAULT '{}',
        "correlation_id" text,
        "tags" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "occurred_at" timestamptz NOT NULL,
        "ingested_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "outcomes_pkey" PRIMARY KEY ("tenant_id", "idempotency_key"),
        CONSTRAINT "outcomes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id"),
        CONSTRAINT "outcomes_idempotency_key_check"
          CHECK (length("idempotency_key") BETWEEN 1 AND 200),
        CONSTRAINT "outcomes_tags_object_check" CHECK (jsonb_typeof("tags") = 'object')
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "outcomes_tenant_id_occurred_at_idx" ON "outcomes" ("tenant_id", "occurred_at")`,
    );
  }

  private async createUsageHourly(queryRunner: QueryRunner): Promise<void> {
    // One row per UTC hour and group; template '' stands for "no template" so the key is NOT NULL.
    await queryRunner.query(`
      CREATE TABLE "usage_hourly" (
        "hour" timestamptz NOT NULL,
        "tenant_id" uuid NOT NULL,
        "model_namespace" text NOT NULL,
        "model_name" text NOT NULL,
        "tier" text NOT NULL,
        "cache_kind" text NOT NULL,
        "template" text NOT NULL,
        "tags_hash" text NOT NULL,
        "tags" jsonb NOT NULL,
        "requests" bigint NOT NULL,
        "failed_requests" bigint NOT NULL,
        "input_tokens" bigint NOT NULL,
        "cached_input_tokens" bigint NOT NULL,
        "output_tokens" bigint NOT NULL,
        "latency_ms_sum" bigint NOT NULL,
        "cost_usd" numeric(38,12) NOT NULL,
        "baseline_cost_usd" numeric(38,12) NOT NULL,
        "baseline_requests" bigint NOT NULL,
        "no_cache_cost_usd" numeric(38,12) NOT NULL,
        CONSTRAINT "usage_hourly_pkey" PRIMARY KEY ("hour", "tenant_id", "model_namespace",
          "model_name", "tier", "cache_kind", "template", "tags_hash")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "usage_hourly_tenant_id_hour_idx" ON "usage_hourly" ("tenant_id", "hour")`,
    );
    await queryRunner.query(
      `CREATE INDEX "usage_hourly_tags_idx" ON "usage_hourly" USING gin ("tags" jsonb_path_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'usage_hourly',
      'outcomes',
      'usage_records',
      'route_decisions',
      'capacity_history',
      'model_prices',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
