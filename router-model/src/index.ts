export * from './kinds.js';
export type { Prediction, RouterModel } from './router-model.js';
