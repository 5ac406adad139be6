import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Window } from '../../ledger/capacity-cost.js';
import type { SqlRow } from './audit-figures.js';
import { AUDIT_CROSSOVER } from './audit-crossover.sql.js';
import { AUDIT_ATOMS } from './audit-atoms.sql.js';
import { groupSql, groupSumsSql, outcomesSql, routingSql } from './audit-groups.sql.js';
import { AUDIT_MODEL_HOURS, AUDIT_MODELS, AUDIT_OUTCOMES, AUDIT_RAW } from './audit-ledger.sql.js';

/** The audit SQL's answer for one grouping. */
export interface GroupingRows {
  readonly groupBy: readonly string[];
  readonly rows: SqlRow[];
  readonly routing: SqlRow[];
  /** Undefined when the grouping has a non-tag dimension (outcomes have tags only). */
  readonly outcomes: SqlRow[] | undefined;
}

export interface AuditRows {
  readonly total: GroupingRows;
  readonly groupings: GroupingRows[];
  readonly crossover: SqlRow[];
}

const FIXED_GROUPINGS = [['model'], ['tier', 'model'], ['provider'], ['template']];

/** Runs the audit's SQL (./*.sql.ts) in one transaction over temporary tables of its own. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(window: Window): Promise<AuditRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (db) => {
      const span = [window.from, window.to];
      for (const sql of [AUDIT_MODELS, AUDIT_RAW, AUDIT_MODEL_HOURS, AUDIT_OUTCOMES]) {
        await db.query(sql, span);
      }
      await db.query(AUDIT_ATOMS);
      const keys = await db.query<Array<{ key: string }>>(
        `SELECT DISTINCT jsonb_object_keys(tags) AS key FROM audit_raw ORDER BY 1`,
      );
      const groupings = [...FIXED_GROUPINGS, ...keys.map((k) => [`tag:${k.key}`])];
      const results: GroupingRows[] = [];
      for (const groupBy of groupings) results.push(await this.grouping(db, groupBy));
      return {
        total: await this.grouping(db, []),
        groupings: results,
        crossover: await db.query<SqlRow[]>(AUDIT_CROSSOVER, [window.to]),
      };
    });
  }

  private async grouping(db: EntityManager, groupBy: readonly string[]): Promise<GroupingRows> {
    const g = groupSql(groupBy);
    const tagsOnly = groupBy.every((d) => d.startsWith('tag:'));
    return {
      groupBy,
      rows: await db.query<SqlRow[]>(groupSumsSql(g), g.params),
      routing: await db.query<SqlRow[]>(routingSql(g), g.params),
      outcomes: tagsOnly ? await db.query<SqlRow[]>(outcomesSql(g), g.params) : undefined,
    };
  }
}
