import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { httpUrl, startNestApp, type Logger } from '@sluice/common';
import { OperatorModule } from './app.module.js';
import type { OperatorConfig } from './config/operator-config.js';
import { KubeConnection } from './kube/kube-connection.js';

export interface RunningOperator {
  readonly app: INestApplication;
  readonly httpUrl: string;
}

/** Starts the operator: probes and metrics over HTTP, and (issue 4) its controllers. */
export async function startOperator(
  config: OperatorConfig,
  logger: Logger,
): Promise<RunningOperator> {
  const app = await startNestApp(OperatorModule.forRoot(config, logger), config.OPERATOR_HTTP_ADDR);
  const running = { app, httpUrl: httpUrl(app) };
  logger.info(
    { http: running.httpUrl, kubernetes: app.get(KubeConnection).server },
    'Operator started',
  );
  return running;
}
