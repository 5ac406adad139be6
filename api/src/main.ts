import { apiEnvSchema, createLogger, loadConfigOrExit, stopOnSignals } from '@sluice/common';
import { startApi } from './bootstrap.js';

const config = loadConfigOrExit(apiEnvSchema, 'sluice-api');
const logger = createLogger(config, 'api');

try {
  const { app } = await startApi(config, logger);
  stopOnSignals(() => app.close(), { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
} catch (error) {
  logger.fatal({ err: error }, 'API failed to start');
  process.exitCode = 1;
}
