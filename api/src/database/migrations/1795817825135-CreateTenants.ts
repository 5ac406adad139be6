import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants own API tokens and usage. `tags` (team, product, ...) scope tokens later. Migrations are
 * frozen history: they spell out their SQL and constraint names instead of importing the entity,
 * and the integration test checks that the entity still agrees with the result.
 */
export class CreateTenants1795817825135 implements MigrationInterface {
  // Stored in sluice_migrations; explicit so a bundler renaming classes cannot change it.
  readonly name = 'CreateTenants1795817825135';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A DNS-1123 label, as Kubernetes names are: tenants may name namespaces and labels.
    await queryRunner.query(`
      CREATE TABLE "tenants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "display_name" text,
        "tags" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "tenants_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tenants_name_key" UNIQUE ("name"),
        CONSTRAINT "tenants_name_dns_label_check"
          CHECK ("name" ~ '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'),
        CONSTRAINT "tenants_tags_object_check" CHECK (jsonb_typeof("tags") = 'object')
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
