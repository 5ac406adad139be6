// The operator as main.ts runs it, for integration tests: against one kubeconfig, quiet, on a
// free HTTP port, alone (no leader election) unless the test's env says otherwise.
import { createLogger, loadConfig, operatorEnvSchema } from '@sluice/common';
import { startOperator, type RunningOperator } from '../../src/bootstrap.js';

export async function startTestOperator(
  kubeconfigPath: string,
  env: Record<string, string> = {},
): Promise<RunningOperator> {
  const config = loadConfig(operatorEnvSchema, {
    KUBECONFIG: kubeconfigPath,
    OPERATOR_HTTP_ADDR: '127.0.0.1:0',
    LEADER_ELECTION: 'false',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    ...env,
  });
  return startOperator(config, createLogger(config, 'operator-test'));
}
