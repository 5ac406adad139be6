import { ConfigError, loadConfig } from './load-config.js';
import { apiEnvSchema, operatorEnvSchema } from './schemas.js';

const DB = 'postgres://sluice@127.0.0.1:5432/sluice';

function problemOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(apiEnvSchema, { DATABASE_URL: DB, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(apiEnvSchema, { DATABASE_URL: DB });
    expect(config).toMatchObject({
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'auto',
      SHUTDOWN_TIMEOUT_SECONDS: 25,
      DATABASE_POOL_SIZE: 10,
      REDIS_URL: 'redis://127.0.0.1:6379',
      API_GRPC_ADDR: { host: '127.0.0.1', port: 50051 },
      API_HTTP_ADDR: { host: '127.0.0.1', port: 8080 },
    });
    expect(config.KUBECONFIG).toBeUndefined();
    expect(loadConfig(operatorEnvSchema, {})).toMatchObject({
      OPERATOR_HTTP_ADDR: { host: '127.0.0.1', port: 8081 },
      LEADER_ELECTION: 'true',
      LEADER_ELECTION_NAMESPACE: 'default',
      LEADER_ELECTION_ID: 'sluice-operator',
      KUBE_QPS: 20,
      KUBE_BURST: 30,
      KUBE_EVENT_QPS: 20,
      KUBE_EVENT_BURST: 30,
      EVENT_QUEUE_SIZE: 1000,
      RESYNC_SECONDS: 600,
      RECONCILE_WORKERS: 2,
    });
  });

  it.each([
    [{ LEADER_ELECTION: 'yes' }, 'LEADER_ELECTION: expected one of true, false'],
    [
      { LEADER_ELECTION_NAMESPACE: 'Sluice_System' },
      'LEADER_ELECTION_NAMESPACE: expected a DNS-1123 label',
    ],
    [{ KUBE_QPS: '0' }, 'KUBE_QPS: expected a whole number from 1 to 10000'],
    [{ RESYNC_SECONDS: '-1' }, 'RESYNC_SECONDS: expected a whole number from 0 to 86400'],
    [{ PROMETHEUS_ADDRESS: 'prometheus:9090' }, 'PROMETHEUS_ADDRESS: expected a URL like http://'],
    [
      { SERVICE_MONITOR_LABELS: 'release' },
      'SERVICE_MONITOR_LABELS: expected comma-separated key=value Kubernetes labels like release=kube-prometheus-stack (got "release")',
    ],
    [{ SERVICE_MONITOR_LABELS: 'team=a b' }, '(got "team=a b")'],
  ])('rejects operator setting %j', (env, message) => {
    expect(() => loadConfig(operatorEnvSchema, env)).toThrow(message);
  });

  it('reads where KEDA queries Prometheus and the labels ServiceMonitors carry', () => {
    expect(loadConfig(operatorEnvSchema, {})).toMatchObject({
      PROMETHEUS_ADDRESS: 'http://prometheus-operated.monitoring.svc:9090',
      SERVICE_MONITOR_LABELS: {},
    });
    const config = loadConfig(operatorEnvSchema, {
      PROMETHEUS_ADDRESS: 'https://thanos.observability.svc:9091',
      SERVICE_MONITOR_LABELS: 'release=kube-prometheus-stack, prometheus.io/scrape-by=main',
    });
    expect(config.PROMETHEUS_ADDRESS).toBe('https://thanos.observability.svc:9091');
    expect(config.SERVICE_MONITOR_LABELS).toEqual({
      release: 'kube-prometheus-stack',
      'prometheus.io/scrape-by': 'main',
    });
  });

  it.each([
    [{}, [], 50],
    [{ METRICS_TAG_LABELS: 'team' }, ['team'], 50],
    [
      { METRICS_TAG_LABELS: ' team , product ', METRICS_TAG_VALUES_MAX: '5' },
      ['team', 'product'],
      5,
    ],
  ])('reads the metric tag labels of %j', (env, keys, max) => {
    const config = loadConfig(apiEnvSchema, { DATABASE_URL: DB, ...env });
    expect(config.METRICS_TAG_LABELS).toEqual(keys);
    expect(config.METRICS_TAG_VALUES_MAX).toBe(max);
  });

  it.each([
    [
      { METRICS_TAG_LABELS: 'Team' },
      'METRICS_TAG_LABELS: expected up to 4 comma-separated tag keys',
    ],
    [{ METRICS_TAG_LABELS: 'a,b,c,d,e' }, 'METRICS_TAG_LABELS: expected up to 4'],
    [{ METRICS_TAG_LABELS: 'team,team' }, 'no repeats'],
    [
      { METRICS_TAG_VALUES_MAX: '0' },
      'METRICS_TAG_VALUES_MAX: expected a whole number from 1 to 1000',
    ],
  ])('rejects metric setting %j', (env, message) => {
    expect(problemOf(env)).toContain(message);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(apiEnvSchema, { DATABASE_URL: DB }))).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(apiEnvSchema, { DATABASE_URL: DB, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it.each([
    [{ API_HTTP_ADDR: ':9090' }, { host: '0.0.0.0', port: 9090 }],
    [{ API_HTTP_ADDR: '[::1]:9090' }, { host: '::1', port: 9090 }],
    [{ API_HTTP_ADDR: 'localhost:0' }, { host: 'localhost', port: 0 }],
  ])('parses listen address %j', (env, expected) => {
    expect(loadConfig(apiEnvSchema, { DATABASE_URL: DB, ...env }).API_HTTP_ADDR).toEqual(expected);
  });

  it.each([
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent (got "verbose")',
    ],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT: expected one of auto, json, pretty (got "xml")'],
    [
      { API_GRPC_ADDR: '50051' },
      'API_GRPC_ADDR: expected host:port, e.g. 127.0.0.1:50051 (got "50051")',
    ],
    [
      { API_HTTP_ADDR: '127.0.0.1:70000' },
      'API_HTTP_ADDR: expected host:port, e.g. 127.0.0.1:8080 (port 0-65535)',
    ],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL: expected a URL like postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: expected a URL like postgres://'],
    [
      { REDIS_URL: 'http://127.0.0.1:6379' },
      'REDIS_URL: expected a URL like redis://127.0.0.1:6379',
    ],
    [
      { DATABASE_POOL_SIZE: 'ten' },
      'DATABASE_POOL_SIZE: expected a whole number from 1 to 200 (got "ten")',
    ],
    [
      { DATABASE_POOL_SIZE: '0' },
      'DATABASE_POOL_SIZE: expected a whole number from 1 to 200 (got "0")',
    ],
    [
      { SHUTDOWN_TIMEOUT_SECONDS: '2.5' },
      'SHUTDOWN_TIMEOUT_SECONDS: expected a whole number from 1 to 600',
    ],
  ])('names the variable when %j is wrong', (env, message) => {
    expect(problemOf(env)).toContain(message);
  });

  it('reports a missing required variable', () => {
    expect(() => loadConfig(apiEnvSchema, {})).toThrow(
      'DATABASE_URL: is required: expected a URL like postgres://',
    );
  });

  it('puts every problem on one line', () => {
    const message = problemOf({ LOG_LEVEL: 'loud', API_GRPC_ADDR: 'x' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Invalid configuration: .*LOG_LEVEL.*; .*API_GRPC_ADDR/);
  });
});
