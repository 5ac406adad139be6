// The operator's controller runtime: what client-node lacks (informer cache, work queue,
// controller loop, leader election, request rate limiting, apply helpers, conditions, events).
// It knows nothing about Sluice; reconcilers in ../controllers build on it.
export * from './apply.js';
export * from './backoff.js';
export * from './clock.js';
export * from './conditions.js';
export * from './controller.js';
export * from './controller-metrics.js';
export * from './diff.js';
export * from './events/index.js';
export * from './informer.js';
export * from './leader-election.js';
export * from './logger.js';
export * from './object-key.js';
export * from './owners.js';
export * from './rate-limiter.js';
export * from './terminal-error.js';
export * from './watch-failures.js';
export * from './work-queue.js';
export * from './manager.js';
export * from './shared-informer-factory.js';
