/** The API's shared producer connection (cache reads, enqueueing); BullMQ workers open their own. */
export const REDIS = Symbol('REDIS');
