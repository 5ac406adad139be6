import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shadow calls (RoutingPolicy spec.shadow) are model calls made to judge routing, not queries:
 * economics.proto counts them in model_calls and shadow_cost_usd but never in queries. Their ids
 * are hashed like any caller-chosen id, so the mark must be written when they are booked; the
 * rollup keeps it in its key so whole hours stay separable.
 */
export class MarkShadowCalls1795838000000 implements MigrationInterface {
  readonly name = 'MarkShadowCalls1795838000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['route_decisions', 'usage_records', 'usage_hourly']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD COLUMN "shadow" boolean NOT NULL DEFAULT false`,
      );
    }
    await queryRunner.query(`
      ALTER TABLE "usage_hourly" DROP CONSTRAINT "usage_hourly_pkey",
        ADD CONSTRAINT "usage_hourly_pkey" PRIMARY KEY ("hour", "tenant_id", "model_namespace",
          "model_name", "tier", "cache_kind", "template", "tags_hash", "shadow")
    `);
  }

  // usage_hourly is derived: rather than merge shadow rows into the old key, it is emptied and
  // every raw row handed back to the rollup, which rebuilds it without the column.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "usage_hourly"`);
    await queryRunner.query(`UPDATE "usage_records" SET "rolled_up_at" = NULL`);
    await queryRunner.query(`
      ALTER TABLE "usage_hourly" DROP CONSTRAINT "usage_hourly_pkey",
        ADD CONSTRAINT "usage_hourly_pkey" PRIMARY KEY ("hour", "tenant_id", "model_namespace",
          "model_name", "tier", "cache_kind", "template", "tags_hash")
    `);
    for (const table of ['usage_hourly', 'usage_records', 'route_decisions']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "shadow"`);
    }
  }
}
