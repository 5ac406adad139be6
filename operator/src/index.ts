export { startOperator, type RunningOperator } from './bootstrap.js';
export type { OperatorConfig } from './config/operator-config.js';
