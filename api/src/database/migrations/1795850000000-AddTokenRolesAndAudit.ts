import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens people can manage (issue 12): a role instead of the `admin` flag (platform admins act
 * on every tenant, tenant admins manage their own tenant's tokens, members route and report),
 * audit fields (who created and revoked a token, when it was last used) and an optional monthly
 * budget in USD. Route decisions remember the token that made them, so a token's month-to-date
 * spend can be read from the ledger; the index serves that read (token, month start).
 */
export class AddTokenRolesAndAudit1795850000000 implements MigrationInterface {
  readonly name = 'AddTokenRolesAndAudit1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "api_tokens"
        ADD COLUMN "role" text NOT NULL DEFAULT 'member',
        ADD COLUMN "created_by" uuid,
        ADD COLUMN "last_used_at" timestamptz,
        ADD COLUMN "revoked_by" uuid,
        ADD COLUMN "monthly_budget_usd" numeric(38, 12),
        ADD CONSTRAINT "api_tokens_role_check"
          CHECK ("role" IN ('platform_admin', 'tenant_admin', 'member')),
        ADD CONSTRAINT "api_tokens_monthly_budget_usd_check" CHECK ("monthly_budget_usd" > 0)
    `);
    await queryRunner.query(`UPDATE "api_tokens" SET "role" = 'platform_admin' WHERE "admin"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "admin"`);
    await queryRunner.query(`ALTER TABLE "route_decisions" ADD COLUMN "token_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "route_decisions_token_id_created_at_idx"
         ON "route_decisions" ("token_id", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "route_decisions_token_id_created_at_idx"`);
    await queryRunner.query(`ALTER TABLE "route_decisions" DROP COLUMN "token_id"`);
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD COLUMN "admin" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`UPDATE "api_tokens" SET "admin" = ("role" = 'platform_admin')`);
    await queryRunner.query(`
      ALTER TABLE "api_tokens"
        DROP COLUMN "role", DROP COLUMN "created_by", DROP COLUMN "last_used_at",
        DROP COLUMN "revoked_by", DROP COLUMN "monthly_budget_usd"
    `);
  }
}
