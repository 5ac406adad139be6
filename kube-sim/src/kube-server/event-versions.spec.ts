import { Registry } from './registry.js';
import { fromStorage, storageResource, toStorage } from './event-versions.js';
import type { KubeObject } from './types.js';

const registry = new Registry();
const core = registry.find('', 'v1', 'events')!;
const events = registry.find('events.k8s.io', 'v1', 'events')!;
const configmaps = registry.find('', 'v1', 'configmaps')!;

const eventsShape: KubeObject = {
  metadata: { name: 'm.1', namespace: 'default' },
  eventTime: '2026-12-07T21:22:44.389000Z',
  regarding: { kind: 'InferenceModel', name: 'm' },
  note: 'scaled to zero',
  reason: 'ScaledToZero',
  type: 'Normal',
  reportingController: 'sluice.dev/operator',
  series: { count: 2, lastObservedTime: '2026-12-07T21:23:44.389000Z' },
  deprecatedCount: 2,
};

describe('Event versions (one resource, two shapes)', () => {
  it('stores both Event types under core events', () => {
    expect(storageResource(events)).toBe('/events');
    expect(storageResource(core)).toBe('/events');
    expect(storageResource(configmaps)).toBe('/configmaps');
  });

  it('stores events.k8s.io/v1 fields under their core/v1 names and reads them back', () => {
    const stored = toStorage(events, eventsShape);
    expect(stored).toEqual({
      metadata: eventsShape.metadata,
      eventTime: eventsShape.eventTime,
      involvedObject: eventsShape.regarding,
      message: 'scaled to zero',
      reason: 'ScaledToZero',
      type: 'Normal',
      reportingComponent: 'sluice.dev/operator',
      series: eventsShape.series,
      count: 2,
    });
    expect(fromStorage(events, stored)).toEqual(eventsShape);
    expect(fromStorage(core, stored)).toBe(stored);
  });
});
