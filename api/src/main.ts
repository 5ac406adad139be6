import { apiEnvSchema, runProcess } from '@sluice/common';
import { startApi } from './bootstrap.js';

await runProcess({
  program: 'sluice-api',
  component: 'api',
  schema: apiEnvSchema,
  start: startApi,
});
