// A full operator process (startOperator, as main.ts runs it) behind its own ApiDoor, with the
// leader-election settings of the chart's pods: its POD_NAME as identity, and short timings.
import { join } from 'node:path';
import { createLogger, loadConfig, operatorEnvSchema } from '@sluice/common';
import { startOperator, type RunningOperator } from '../../src/bootstrap.js';
import { ControllerManager } from '../../src/kube/controller-manager.js';
import { openApiDoor, type ApiDoor } from './api-door.js';

export interface LeaseTimings {
  readonly leaseMs: number;
  readonly renewMs: number;
  readonly retryMs: number;
}

export interface OperatorInstance {
  readonly name: string;
  readonly operator: RunningOperator;
  readonly door: ApiDoor;
  readonly isLeader: () => boolean;
}

export interface InstanceOptions {
  readonly apiServer: string;
  readonly dir: string;
  readonly leaseId: string;
  readonly timings: LeaseTimings;
  /** Called with the instance's door before the operator starts (e.g. to hold a request). */
  readonly prepare?: (door: ApiDoor) => void;
}

export async function startInstance(
  name: string,
  options: InstanceOptions,
): Promise<OperatorInstance> {
  const door = await openApiDoor(options.apiServer, join(options.dir, `${name}.kubeconfig`));
  options.prepare?.(door);
  const { leaseMs, renewMs, retryMs } = options.timings;
  const config = loadConfig(operatorEnvSchema, {
    KUBECONFIG: door.kubeconfigPath,
    OPERATOR_HTTP_ADDR: '127.0.0.1:0',
    POD_NAME: name,
    LEADER_ELECTION: 'true',
    LEADER_ELECTION_ID: options.leaseId,
    LEADER_ELECTION_LEASE_DURATION: `${leaseMs}ms`,
    LEADER_ELECTION_RENEW_DEADLINE: `${renewMs}ms`,
    LEADER_ELECTION_RETRY_PERIOD: `${retryMs}ms`,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const operator = await startOperator(config, createLogger(config, name));
  const { manager } = operator.app.get(ControllerManager);
  return { name, operator, door, isLeader: () => manager.isLeader };
}

/** Writes other than to Leases: what reconciling sends (children, status, Events). */
export const objectWrites = (instance: OperatorInstance): string[] =>
  instance.door.writes.filter((write) => !write.includes('/apis/coordination.k8s.io/'));

/** The instance's own count of InferenceModel reconciles, from its /metrics. */
export async function reconciles(instance: OperatorInstance): Promise<number> {
  const text = await (await fetch(`${instance.operator.httpUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => /^sluice_operator_reconcile_total\{.*controller="inferencemodel"/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

export const isReady = async (instance: OperatorInstance): Promise<boolean> =>
  (await fetch(`${instance.operator.httpUrl}/readyz`)).status === 200;
