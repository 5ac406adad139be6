export * from './kinds.js';
export type { Prediction, RouterModel } from './router-model.js';
export { loadRouterModel } from './linear-router-model.js';
export { DEFAULT_ARTIFACT, loadDefaultRouterModel } from './default-model.js';
export { artifactVersion } from './model/artifact.js';
