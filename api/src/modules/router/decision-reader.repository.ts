import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';

interface DecisionRow {
  readonly decision_id: string;
  readonly tenant_id: string;
  readonly policy_namespace: string;
  readonly policy_name: string;
  readonly rule: string;
  readonly tier: string;
  readonly model_namespace: string;
  readonly model_name: string;
  readonly complexity: 'simple' | 'complex';
  readonly cache_kind: DecisionRecord['cacheKind'];
  readonly tags: Record<string, string>;
  readonly template: string | null;
  readonly prompt_tokens: string;
  readonly baseline_model_namespace: string | null;
  readonly baseline_model_name: string | null;
  readonly shadow: boolean;
  readonly task_kind: string | null;
  readonly small_ok: number | null;
  readonly classifier_version: string | null;
  readonly created_at: Date;
}

/**
 * Reads a decision back from route_decisions: the last resort of ReportUsage when neither this
 * replica's memory nor Redis remembers it (a report long after its Route).
 */
@Injectable()
export class DecisionReaderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The tenant's decision under the first of `ledgerIds` it has (decisionIdCandidates). */
  async find(tenantId: string, ledgerIds: readonly string[]): Promise<DecisionRecord | undefined> {
    const rows = await requireConnected(this.dataSource).query<DecisionRow[]>(
      `SELECT * FROM route_decisions WHERE decision_id = ANY($1::uuid[]) AND tenant_id = $2
       ORDER BY array_position($1::uuid[], decision_id) LIMIT 1`,
      [ledgerIds, tenantId],
    );
    const row = rows[0];
    return row === undefined ? undefined : toRecord(row);
  }

  /** The tags of those of `ledgerIds` that are this tenant's decisions (any order). */
  async tagsOf(
    tenantId: string,
    ledgerIds: readonly string[],
  ): Promise<Array<Record<string, string>>> {
    const rows = await requireConnected(this.dataSource).query<Array<Pick<DecisionRow, 'tags'>>>(
      `SELECT tags FROM route_decisions WHERE decision_id = ANY($1::uuid[]) AND tenant_id = $2`,
      [ledgerIds, tenantId],
    );
    return rows.map((row) => row.tags);
  }
}

function toRecord(row: DecisionRow): DecisionRecord {
  const baseline =
    row.baseline_model_name === null || row.baseline_model_namespace === null
      ? {}
      : {
          baselineModel: { namespace: row.baseline_model_namespace, name: row.baseline_model_name },
        };
  return {
    decisionId: row.decision_id,
    tenantId: row.tenant_id,
    policy: { namespace: row.policy_namespace, name: row.policy_name },
    rule: row.rule,
    tier: row.tier,
    model: { namespace: row.model_namespace, name: row.model_name },
    complexity: row.complexity,
    cacheKind: row.cache_kind,
    tags: row.tags,
    ...(row.template === null ? {} : { template: row.template }),
    promptTokens: Number(row.prompt_tokens),
    ...baseline,
    ...(row.shadow ? { shadow: true } : {}),
    ...classifierFields(row),
    createdAt: row.created_at,
  };
}

/** The learned classifier's verdict, present only on decisions it made. */
function classifierFields(row: DecisionRow) {
  return {
    ...(row.task_kind === null ? {} : { taskKind: row.task_kind }),
    ...(row.small_ok === null ? {} : { smallOk: row.small_ok }),
    ...(row.classifier_version === null ? {} : { classifierVersion: row.classifier_version }),
  };
}
