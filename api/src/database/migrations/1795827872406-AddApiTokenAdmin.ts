import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin API tokens (SPEC 3, auth): they read every tenant's economics and manage tokens. A flag
 * on the token, not a role table: there is one privileged role, and a token is the principal.
 */
export class AddApiTokenAdmin1795827872406 implements MigrationInterface {
  readonly name = 'AddApiTokenAdmin1795827872406';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD COLUMN "admin" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP COLUMN "admin"`);
  }
}
