import { desiredServiceMonitor } from './desired-service-monitor.js';
import { aModel } from '../testing/model-builder.js';

describe('desiredServiceMonitor', () => {
  it('carries the configured labels a Prometheus selects ServiceMonitors by', () => {
    const monitor = desiredServiceMonitor(aModel().obj(), { release: 'kube-prometheus-stack' });
    expect(monitor.metadata.labels).toMatchObject({
      release: 'kube-prometheus-stack',
      'app.kubernetes.io/managed-by': 'sluice-operator',
    });
  });

  it('never lets a configured label replace the operator own labels', () => {
    const monitor = desiredServiceMonitor(aModel().obj(), {
      'app.kubernetes.io/managed-by': 'someone-else',
    });
    expect(monitor.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('sluice-operator');
  });
});
