import { claimLease, leaseState, releaseLease, type LeaseRecord } from './lease-record.js';

const now = Date.parse('2026-01-01T00:00:30Z');
const at = (s: number): Date => new Date(Date.parse('2026-01-01T00:00:00Z') + s * 1000);
const held = (holder: string, renewedAt: number, seconds = 15): LeaseRecord => ({
  holderIdentity: holder,
  renewTime: at(renewedAt),
  leaseDurationSeconds: seconds,
  acquireTime: at(0),
  leaseTransitions: 2,
});

describe('leaseState', () => {
  it.each([
    ['no lease', undefined, 'free'],
    ['no holder', {}, 'free'],
    ['released', { holderIdentity: '' }, 'free'],
    ['ours, even expired', held('me', 0), 'mine'],
    ['another, renewed recently', held('other', 20), 'held'],
    ['another, just expired', held('other', 15), 'free'],
    ['another, expired long ago', held('other', 0), 'free'],
    [
      'another, renewed recently (wire string)',
      { ...held('other', 20), renewTime: at(20).toISOString() },
      'held',
    ],
    ['another, unparseable renew time', { ...held('other', 20), renewTime: 'garbage' }, 'free'],
    ['another, with no renew time', { holderIdentity: 'other', leaseDurationSeconds: 15 }, 'free'],
  ] as const)('%s -> %s', (_name, record, expected) => {
    expect(leaseState(record, 'me', now)).toBe(expected);
  });
});

describe('claimLease', () => {
  it('renewing keeps acquireTime and transitions', () => {
    expect(claimLease(held('me', 20), 'me', now, 15_000)).toEqual({
      ...held('me', 20),
      renewTime: '2026-01-01T00:00:30.000000Z',
    });
  });

  it('taking over from another counts a transition', () => {
    expect(claimLease(held('other', 0), 'me', now, 2000)).toEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 2,
      // MicroTime: six fractional digits, or kube-apiserver refuses the Lease.
      acquireTime: '2026-01-01T00:00:30.000000Z',
      renewTime: '2026-01-01T00:00:30.000000Z',
      leaseTransitions: 3,
    });
  });

  it('taking a fresh or released lease does not count a transition', () => {
    expect(claimLease(undefined, 'me', now, 15_000).leaseTransitions).toBe(0);
    expect(claimLease(releaseLease(held('x', 0), now), 'me', now, 15_000).leaseTransitions).toBe(2);
  });

  it('release clears the holder', () => {
    expect(leaseState(releaseLease(held('me', 29), now), 'other', now)).toBe('free');
  });
});
