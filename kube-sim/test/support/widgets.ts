// A small CRD for the test server's integration tests, and a fluent widget builder.
import type { KubernetesObject } from '@kubernetes/client-node';

export const group = 'test.sluice.dev';
export const plural = 'widgets';

export const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural, singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          {
            name: 'Ready',
            type: 'string',
            jsonPath: '.status.conditions[?(@.type=="Ready")].status',
          },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' } } },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

export interface Widget extends KubernetesObject {
  spec?: { size?: number };
  status?: Record<string, unknown>;
}

export const widget = (name: string, size = 1): Widget => ({
  apiVersion: `${group}/v1`,
  kind: 'Widget',
  metadata: { name, namespace: 'default' },
  spec: { size },
});

let counter = 0;
/** Unique names per test (STYLE rule 9). */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now() % 100000}-${counter++}`;
