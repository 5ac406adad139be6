// Pure Lease arithmetic for leader election, after client-go's leaderelection package.
import { microTime } from './micro-time.js';

/** client-node 1.4 types MicroTime as Date but hands back the wire string; accept both. */
type MicroTime = Date | string;

export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: MicroTime;
  renewTime?: MicroTime;
  leaseTransitions?: number;
}

export type LeaseState = 'mine' | 'free' | 'held';

/**
 * Whose the lease is at `now`: ours, free (no holder, released, or expired: renewTime plus
 * leaseDurationSeconds has passed), or validly held by another candidate.
 */
export function leaseState(
  record: LeaseRecord | undefined,
  identity: string,
  now: number,
): LeaseState {
  const holder = record?.holderIdentity ?? '';
  if (holder === '') return 'free';
  if (holder === identity) return 'mine';
  return expiresAt(record) <= now ? 'free' : 'held';
}

/** When a lease lapses; 0 (long ago) when it carries no parseable renewTime. */
function expiresAt(record: LeaseRecord | undefined): number {
  const renewed = record?.renewTime ? new Date(record.renewTime).getTime() : NaN;
  if (Number.isNaN(renewed)) return 0;
  return renewed + (record?.leaseDurationSeconds ?? 0) * 1000;
}

/** The record after `identity` acquires or renews the lease at `now`. */
export function claimLease(
  record: LeaseRecord | undefined,
  identity: string,
  now: number,
  leaseDurationMs: number,
): LeaseRecord {
  const renewing = record?.holderIdentity === identity;
  const transitions = record?.leaseTransitions ?? 0;
  return {
    ...record,
    holderIdentity: identity,
    leaseDurationSeconds: Math.max(1, Math.ceil(leaseDurationMs / 1000)),
    acquireTime: renewing && record?.acquireTime ? record.acquireTime : microTime(now),
    renewTime: microTime(now),
    leaseTransitions: renewing || !record?.holderIdentity ? transitions : transitions + 1,
  };
}

/** The record after its holder releases it: no holder, so another candidate takes it at once. */
export function releaseLease(record: LeaseRecord | undefined, now: number): LeaseRecord {
  return { ...record, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(now) };
}
