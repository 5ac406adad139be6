import { createLogger, loadConfigOrExit, operatorEnvSchema, stopOnSignals } from '@sluice/common';
import { startOperator } from './bootstrap.js';

const config = loadConfigOrExit(operatorEnvSchema, 'sluice-operator');
const logger = createLogger(config, 'operator');

try {
  const { app } = await startOperator(config, logger);
  stopOnSignals(() => app.close(), { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
} catch (error) {
  logger.fatal({ err: error }, 'Operator failed to start');
  process.exitCode = 1;
}
