import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { ModelRef } from '../ledger/ledger.types.js';

/** One judged shadow pair, as shadow_verdicts keeps it (migration RecordShadowVerdicts). */
export interface ShadowVerdict {
  /** The judged decision's ledger id: one verdict per decision. */
  readonly decisionId: string;
  readonly tenantId: string;
  readonly policy: ModelRef;
  /** The decision's task kind (the caller's label, else the learned classifier's); '' if none. */
  readonly taskKind: string;
  /** floor(smallOk * 10), 0 to 9 (smallOk 1 counts in 9); undefined without a smallOk. */
  readonly smallOkBucket: number | undefined;
  readonly acceptable: boolean;
  readonly judge: string;
  readonly judgedAt: Date;
}

/** shadow_verdicts: insert-once per decision. */
@Injectable()
export class ShadowVerdictsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the verdict unless the decision has one; returns the verdict that stands and whether
   * it was there before. The tenant is part of the read: an id is never another tenant's.
   */
  async record(verdict: ShadowVerdict): Promise<{ duplicate: boolean; acceptable: boolean }> {
    const db = requireConnected(this.dataSource);
    const inserted = await db.query<unknown[]>(
      `INSERT INTO shadow_verdicts (decision_id, tenant_id, policy_namespace, policy_name,
         task_kind, small_ok_bucket, acceptable, judge, judged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (decision_id) DO NOTHING
       RETURNING decision_id`,
      [
        verdict.decisionId,
        verdict.tenantId,
        verdict.policy.namespace,
        verdict.policy.name,
        verdict.taskKind,
        verdict.smallOkBucket ?? null,
        verdict.acceptable,
        verdict.judge,
        verdict.judgedAt,
      ],
    );
    if (inserted.length > 0) return { duplicate: false, acceptable: verdict.acceptable };
    const rows = await db.query<Array<{ acceptable: boolean }>>(
      `SELECT acceptable FROM shadow_verdicts WHERE decision_id = $1 AND tenant_id = $2`,
      [verdict.decisionId, verdict.tenantId],
    );
    return { duplicate: true, acceptable: rows[0]?.acceptable ?? verdict.acceptable };
  }
}
