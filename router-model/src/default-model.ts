import { readFileSync } from 'node:fs';
import { loadRouterModel } from './linear-router-model.js';
import type { RouterModel } from './router-model.js';

/** The committed artifact; one level up from both src/ (jest) and dist/ (built). */
export const DEFAULT_ARTIFACT = new URL('../artifacts/router-model.bin', import.meta.url);

/** The artifact shipped with this package (make train-router), read synchronously. */
export function loadDefaultRouterModel(): RouterModel {
  return loadRouterModel(readFileSync(DEFAULT_ARTIFACT));
}
