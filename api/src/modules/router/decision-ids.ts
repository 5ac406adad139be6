import { hash, randomUUID } from 'node:crypto';

/** A caller-chosen decision id, as router.proto allows it. */
export const DECISION_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** What Route appends to a decision's id to name its shadow call (router.proto ShadowAssignment). */
export const SHADOW_SUFFIX = ':shadow';
/** An id a report may name: a decision's, or its shadow call's (which can pass 64 characters). */
export const REPORTED_DECISION_ID = /^[A-Za-z0-9._:-]{1,64}(:shadow)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const newDecisionId = (): string => randomUUID();

/**
 * The ledger keys decisions by uuid (route_decisions' primary key is decision_id alone), while
 * callers may choose any id of router.proto's shape. EVERY id, caller-chosen or assigned by the
 * server, uuid or not, maps to a name-based uuid (RFC 9562 section 5.5 layout, from SHA-256
 * here) of the tenant and the id: stable across retries and replicas, and two tenants choosing
 * the same id (a uuid included) never collide. This rather than a (tenant_id, decision_id) key:
 * usage_records and outcomes link decisions by id alone, and every join would need the tenant.
 */
export function ledgerDecisionId(tenantId: string, decisionId: string): string {
  // One-shot hash(): ReportUsage pays this per report (7% of a stream's time with createHash).
  const bytes = hash('sha256', `${tenantId}\n${decisionId}`, 'buffer').subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Where a decision may be found, in order: its ledger id, then, for a uuid, the uuid itself,
 * which is how decisions were keyed before every id was hashed. The older key is looked up only
 * among the caller's tenant's decisions (memory and Redis keys, and the ledger's query, hold the
 * tenant), so it cannot reach another tenant's row.
 */
export function decisionIdCandidates(tenantId: string, decisionId: string): string[] {
  const ledgerId = ledgerDecisionId(tenantId, decisionId);
  return UUID.test(decisionId) ? [ledgerId, decisionId.toLowerCase()] : [ledgerId];
}
