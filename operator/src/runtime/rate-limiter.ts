import type { KubeConfig } from '@kubernetes/client-node';
import { sleep, systemClock, type Clock } from './clock.js';
import { fullBucket, reserve, type BucketLimits, type BucketState } from './token-bucket.js';

/** controller-runtime's defaults (client-go's own are QPS 5, burst 10). */
export const DEFAULT_LIMITS: BucketLimits = { qps: 20, burst: 30 };

/** A client-side request rate limiter: every API request awaits `take()` before it is sent. */
export class RateLimiter {
  private state: BucketState;

  constructor(
    readonly limits: BucketLimits = DEFAULT_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {
    this.state = fullBucket(limits, clock.now());
  }

  async take(): Promise<void> {
    const { state, waitMs } = reserve(this.state, this.limits, this.clock.now());
    this.state = state;
    if (waitMs > 0) await sleep(this.clock, waitMs);
  }
}

/**
 * Makes every request sent with `kubeConfig` wait for `limiter`. client-node 1.4's
 * `makeApiClient` and `KubernetesObjectApi` accept no middleware, but both call the KubeConfig's
 * `applySecurityAuthentication` once per request (and `Watch` calls `applyToFetchOptions`), so
 * the limiter hooks in there, as client-go's sits in its rest.Config transport.
 */
export function limitRequests(kubeConfig: KubeConfig, limiter: RateLimiter): KubeConfig {
  const authenticate = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
  const fetchOptions = kubeConfig.applyToFetchOptions.bind(kubeConfig);
  kubeConfig.applySecurityAuthentication = async (context) => {
    await limiter.take();
    return authenticate(context);
  };
  kubeConfig.applyToFetchOptions = async (options) => {
    await limiter.take();
    return fetchOptions(options);
  };
  return kubeConfig;
}
