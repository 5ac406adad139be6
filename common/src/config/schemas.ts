import { z } from 'zod';
import {
  dnsLabel,
  integer,
  labelList,
  listenAddress,
  oneOf,
  optionalPath,
  tagKeyList,
  urlWithScheme,
} from './env-fields.js';
import { duration, formatDuration } from './duration.js';

// The one source of truth for settings. Every process validates only the variables it reads;
// README's configuration table lists the same names and defaults.

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const loggingEnv = {
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  // auto: human-readable when stdout is a terminal, JSON otherwise (containers, CI).
  LOG_FORMAT: oneOf(['auto', 'json', 'pretty'] as const, 'auto'),
};

const lifecycleEnv = {
  // Kubernetes waits 30 s by default before SIGKILL; finish in-flight work well before that.
  SHUTDOWN_TIMEOUT_SECONDS: integer(1, 600, 25),
};

const kubeEnv = {
  // Unset: in-cluster service account, else ~/.kube/config (client-node's loadFromDefault).
  KUBECONFIG: optionalPath,
};

// A pod name: a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.', at most 253).
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const apiEnvSchema = z.object({
  ...loggingEnv,
  ...lifecycleEnv,
  ...kubeEnv,
  DATABASE_URL: urlWithScheme(
    ['postgres', 'postgresql'],
    'postgres://sluice@127.0.0.1:5432/sluice',
  ),
  DATABASE_POOL_SIZE: integer(1, 200, 10),
  REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379').default(
    'redis://127.0.0.1:6379',
  ),
  // Whether usage may be acknowledged once a Redis WITHOUT persistence (no AOF) holds it: then a
  // Redis restart while PostgreSQL is down loses those reports. false: with such a Redis each
  // report is written to PostgreSQL before its ack (UNAVAILABLE while PostgreSQL is down).
  USAGE_VOLATILE_ACK: oneOf(['true', 'false'] as const, 'false'),
  // Route's decisions remembered in memory for ReportUsage (JSON MiB; Redis and the ledger hold
  // the rest): the largest per-call structure of the API (router README, memory bounds).
  DECISION_MEMORY_MB: integer(1, 65_536, 64),
  API_GRPC_ADDR: listenAddress('127.0.0.1:50051'),
  API_HTTP_ADDR: listenAddress('127.0.0.1:8080'),
  // One replica at a time writes RoutingPolicy status, the holder of this Lease
  // (sluice-api-policy-status). The chart sets the pod's namespace and name (downward API).
  LEADER_ELECTION_NAMESPACE: dnsLabel('default'),
  POD_NAME: z
    .string()
    .regex(DNS_SUBDOMAIN, { error: 'expected a pod name (DNS-1123 subdomain)' })
    .optional(),
  // /metrics needs no token, so it carries no tenant data unless an operator asks: the tag keys
  // (e.g. team) whose values label the cost metric, each with at most METRICS_TAG_VALUES_MAX
  // distinct values (later ones are counted under "other"). Empty: no tag label at all.
  METRICS_TAG_LABELS: tagKeyList(4),
  METRICS_TAG_VALUES_MAX: integer(1, 1000, 50),
});

const operatorEnvFields = z.object({
  ...loggingEnv,
  ...lifecycleEnv,
  ...kubeEnv,
  OPERATOR_HTTP_ADDR: listenAddress('127.0.0.1:8081'),
  // Only the holder of the Lease reconciles (controller-runtime's --leader-elect). The chart sets
  // the namespace to the pod's own (downward API); `default` exists in every cluster.
  LEADER_ELECTION: oneOf(['true', 'false'] as const, 'true'),
  LEADER_ELECTION_NAMESPACE: dnsLabel('default'),
  LEADER_ELECTION_ID: dnsLabel('sluice-operator'),
  // The candidate's name in the Lease's holderIdentity; the chart sets it from the downward API
  // (metadata.name) so `kubectl get lease` names the leading pod. Unset: hostname plus a suffix.
  POD_NAME: z
    .string()
    .regex(DNS_SUBDOMAIN, { error: 'expected a pod name (DNS-1123 subdomain)' })
    .optional(),
  // client-go's LeaseDuration / RenewDeadline / RetryPeriod, in milliseconds once parsed.
  LEADER_ELECTION_LEASE_DURATION: duration(1000, 3_600_000, '15s'),
  LEADER_ELECTION_RENEW_DEADLINE: duration(100, 3_600_000, '10s'),
  LEADER_ELECTION_RETRY_PERIOD: duration(100, 3_600_000, '2s'),
  // Client-side request rate limit to the API server (controller-runtime's defaults).
  KUBE_QPS: integer(1, 10_000, 20),
  KUBE_BURST: integer(1, 10_000, 30),
  // Events' own client and token bucket, so an Event storm never slows reconciles. Same numbers
  // as KUBE_QPS/KUBE_BURST by default: controller-runtime's recorder builds its own clientset
  // from the manager's rest.Config, so its bucket is separate but alike.
  KUBE_EVENT_QPS: integer(1, 10_000, 20),
  KUBE_EVENT_BURST: integer(1, 10_000, 30),
  // Event writes that may wait; past it they are dropped and counted (client-go: 1,000).
  EVENT_QUEUE_SIZE: integer(1, 100_000, 1000),
  // How often every cached object is reconciled again even without changes (0: never).
  RESYNC_SECONDS: integer(0, 86_400, 600),
  RECONCILE_WORKERS: integer(1, 64, 2),
  // The Prometheus a KEDA ScaledObject's trigger queries (kube-prometheus-stack's operated
  // Service by default); the chart's operator.prometheus.address.
  PROMETHEUS_ADDRESS: urlWithScheme(
    ['http', 'https'],
    'http://prometheus-operated.monitoring.svc:9090',
  ).default('http://prometheus-operated.monitoring.svc:9090'),
  // Labels added to every ServiceMonitor the operator writes, so a Prometheus that selects
  // ServiceMonitors by label (kube-prometheus-stack: release=<its release>) scrapes vLLM.
  SERVICE_MONITOR_LABELS: labelList(),
});

// Checked once every field is valid on its own.
export const operatorEnvSchema = operatorEnvFields.superRefine(leaderElectionTimings);

type Timings = Record<
  `LEADER_ELECTION_${'LEASE_DURATION' | 'RENEW_DEADLINE' | 'RETRY_PERIOD'}`,
  number
>;

/**
 * client-go's ordering: the leader gives up renewing before its lease can lapse for the others
 * (renew deadline < lease duration), and retries at least once within that deadline.
 */
function leaderElectionTimings(env: Timings, ctx: z.RefinementCtx): void {
  const shorter = (variable: keyof Timings, than: keyof Timings): void => {
    if (env[variable] < env[than]) return;
    const message = `expected shorter than ${than}, which is ${formatDuration(env[than])}`;
    ctx.addIssue({ code: 'custom', path: [variable], message });
  };
  shorter('LEADER_ELECTION_RENEW_DEADLINE', 'LEADER_ELECTION_LEASE_DURATION');
  shorter('LEADER_ELECTION_RETRY_PERIOD', 'LEADER_ELECTION_RENEW_DEADLINE');
}

/**
 * `sluice dev` (local mode): the API's settings, with an embedded PostgreSQL when DATABASE_URL is
 * unset and a private redis-server when REDIS_URL is unset (so neither has a default here).
 */
export const devEnvSchema = apiEnvSchema.extend({
  DATABASE_URL: urlWithScheme(
    ['postgres', 'postgresql'],
    'postgres://sluice@127.0.0.1:5432/sluice',
  ).optional(),
  REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379').optional(),
  // Git-ignored folder for local state: embedded PostgreSQL data, the private Redis's folder, the
  // test cluster's kubeconfig and the admin token.
  SLUICE_DATA_DIR: z.string().min(1).default('.sluice'),
  EMBEDDED_POSTGRES_PORT: integer(1024, 65535, 54329),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;
export type OperatorEnv = z.infer<typeof operatorEnvSchema>;
export type DevEnv = z.infer<typeof devEnvSchema>;
export type LoggingEnv = Pick<ApiEnv, 'LOG_LEVEL' | 'LOG_FORMAT'>;
