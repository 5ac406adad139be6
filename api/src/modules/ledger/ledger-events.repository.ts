import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { CacheKind, ModelRef, Tags } from './ledger.types.js';

/** A Route answer as the ledger keeps it (mapped from the routing engine's decision). */
export interface DecisionRecord {
  readonly decisionId: string;
  readonly tenantId: string;
  readonly policy: ModelRef;
  readonly rule: string;
  readonly tier: string;
  readonly model: ModelRef;
  readonly complexity: 'simple' | 'complex';
  readonly cacheKind: CacheKind;
  readonly tags: Tags;
  readonly template?: string;
  readonly promptTokens: number;
  readonly baselineModel?: ModelRef;
  /** The decision of a shadow call (RoutingPolicy spec.shadow): its usage is no query. */
  readonly shadow?: boolean;
  /** The API token that asked, so its monthly budget can be read from the ledger. */
  readonly tokenId?: string;
  /** The caller's task label, else the learned classifier's predicted kind. */
  readonly taskKind?: string;
  /** The learned classifier's smallOk in [0, 1]; absent under the rules classifier. */
  readonly smallOk?: number;
  /** The learned classifier's model version; absent under the rules classifier. */
  readonly classifierVersion?: string;
  readonly createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A token id fit for the uuid column; callers built in-process (tests, readers) have none. */
const tokenColumn = (id: string | undefined): string | null =>
  id !== undefined && UUID.test(id) ? id : null;

/** A smallOk fit for its column: a NaN would fail the CHECK and with it the whole batch. */
const scoreColumn = (score: number | undefined): number | null =>
  score !== undefined && score >= 0 && score <= 1 ? score : null;

/** A business outcome report; `value` is a decimal string (e.g. revenue), never a float. */
export interface OutcomeReport {
  readonly tenantId: string;
  readonly idempotencyKey: string;
  readonly name: string;
  readonly value?: string;
  /** How many outcomes the report counts; 1 when absent. */
  readonly quantity?: bigint;
  readonly decisionIds: readonly string[];
  readonly correlationId?: string;
  readonly tags: Tags;
  readonly occurredAt: Date;
}

/**
 * Decisions and outcomes, each written as ONE multi-row insert that ignores rows already there
 * (same decision id, or same tenant + idempotency key): replays and retries count once.
 */
@Injectable()
export class LedgerEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns how many decisions were new. */
  async recordDecisions(decisions: readonly DecisionRecord[]): Promise<number> {
    if (decisions.length === 0) return 0;
    const rows = await requireConnected(this.dataSource).query<unknown[]>(
      `INSERT INTO route_decisions (decision_id, tenant_id, policy_namespace, policy_name, rule,
         tier, model_namespace, model_name, complexity, cache_kind, tags, template, prompt_tokens,
         baseline_model_namespace, baseline_model_name, created_at, shadow, token_id,
         task_kind, small_ok, classifier_version)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
         $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[],
         $13::bigint[], $14::text[], $15::text[], $16::timestamptz[], $17::boolean[], $18::uuid[],
         $19::text[], $20::float8[], $21::text[])
       ON CONFLICT (decision_id) DO NOTHING
       RETURNING decision_id`,
      [
        decisions.map((d) => d.decisionId),
        decisions.map((d) => d.tenantId),
        decisions.map((d) => d.policy.namespace),
        decisions.map((d) => d.policy.name),
        decisions.map((d) => d.rule),
        decisions.map((d) => d.tier),
        decisions.map((d) => d.model.namespace),
        decisions.map((d) => d.model.name),
        decisions.map((d) => d.complexity),
        decisions.map((d) => d.cacheKind),
        decisions.map((d) => JSON.stringify(d.tags)),
        decisions.map((d) => d.template ?? null),
        decisions.map((d) => d.promptTokens),
        decisions.map((d) => d.baselineModel?.namespace ?? null),
        decisions.map((d) => d.baselineModel?.name ?? null),
        decisions.map((d) => d.createdAt),
        decisions.map((d) => d.shadow === true),
        decisions.map((d) => tokenColumn(d.tokenId)),
        decisions.map((d) => d.taskKind ?? null),
        decisions.map((d) => scoreColumn(d.smallOk)),
        decisions.map((d) => d.classifierVersion ?? null),
      ],
    );
    return rows.length;
  }

  /** Returns how many outcomes were new. */
  async recordOutcomes(outcomes: readonly OutcomeReport[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    // unnest flattens a uuid[][]; a jsonb array per row survives it and is unpacked per row.
    const rows = await requireConnected(this.dataSource).query<unknown[]>(
      `INSERT INTO outcomes (tenant_id, idempotency_key, name, value, decision_ids,
         correlation_id, tags, occurred_at, quantity)
       SELECT t, k, n, v, ARRAY(SELECT jsonb_array_elements_text(d))::uuid[], c, g, o, q
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::jsonb[], $6::text[],
         $7::jsonb[], $8::timestamptz[], $9::bigint[]) AS x(t, k, n, v, d, c, g, o, q)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING idempotency_key`,
      [
        outcomes.map((o) => o.tenantId),
        outcomes.map((o) => o.idempotencyKey),
        outcomes.map((o) => o.name),
        outcomes.map((o) => o.value ?? null),
        outcomes.map((o) => JSON.stringify(o.decisionIds)),
        outcomes.map((o) => o.correlationId ?? null),
        outcomes.map((o) => JSON.stringify(o.tags)),
        outcomes.map((o) => o.occurredAt),
        outcomes.map((o) => String(o.quantity ?? 1n)),
      ],
    );
    return rows.length;
  }
}
