import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RoutingPolicy status reads the last hour of decisions of every tenant every 30 s
 * (policy-status/decision-counts.ts); without an index on created_at alone that is a full scan
 * of a table that grows with every Route.
 */
export class IndexRouteDecisionsByTime1795834000000 implements MigrationInterface {
  readonly name = 'IndexRouteDecisionsByTime1795834000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "route_decisions_created_at_idx" ON "route_decisions" ("created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "route_decisions_created_at_idx"`);
  }
}
