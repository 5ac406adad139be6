import { operatorEnvSchema, runProcess } from '@sluice/common';
import { startOperator } from './bootstrap.js';

await runProcess({
  program: 'sluice-operator',
  component: 'operator',
  schema: operatorEnvSchema,
  start: startOperator,
});
