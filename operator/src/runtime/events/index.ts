export * from './bounded-queue.js';
export * from './event-bodies.js';
export * from './event-correlator.js';
export * from './event-recorder.js';
export * from './spam-filter.js';
