import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant API tokens (SPEC 3, auth). Only a SHA-256 of each token is stored; `scope` holds the
 * tags a token is limited to. Deleting a tenant deletes its tokens.
 */
export class CreateApiTokens1795827232498 implements MigrationInterface {
  readonly name = 'CreateApiTokens1795827232498';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" text NOT NULL,
        "token_hash" text NOT NULL,
        "token_prefix" text NOT NULL,
        "scope" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz,
        "revoked_at" timestamptz,
        CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "api_tokens_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "api_tokens_tenant_id_fkey"
          FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "api_tokens_token_hash_check" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "api_tokens_scope_object_check" CHECK (jsonb_typeof("scope") = 'object')
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "api_tokens_tenant_id_idx" ON "api_tokens" ("tenant_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
