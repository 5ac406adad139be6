import { createHash, randomUUID } from 'node:crypto';

/** A caller-chosen decision id, as router.proto allows it. */
export const DECISION_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const newDecisionId = (): string => randomUUID();

/**
 * The ledger keys decisions by uuid, while callers may choose any id of router.proto's shape. A
 * uuid is kept as is; any other id maps to a name-based uuid (RFC 9562 section 5.5 layout, from
 * SHA-256 here) of the tenant and the id, so it is stable across retries and replicas, and two
 * tenants choosing the same id never collide.
 */
export function ledgerDecisionId(tenantId: string, decisionId: string): string {
  if (UUID.test(decisionId)) return decisionId.toLowerCase();
  const bytes = createHash('sha256').update(`${tenantId}\n${decisionId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
