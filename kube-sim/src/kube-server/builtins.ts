// The built-in kinds the operator and API use, as a static table (kube-apiserver's own
// discovery answers for these: plural, kind, short names, categories, status subresource).
import type { ResourceType } from './types.js';

interface Row {
  gv: string;
  plural: string;
  kind: string;
  namespaced?: boolean;
  status?: boolean;
  short?: string[];
  categories?: string[];
}

const rows: Row[] = [
  {
    gv: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    status: true,
    short: ['ns'],
  },
  { gv: 'v1', plural: 'secrets', kind: 'Secret' },
  { gv: 'v1', plural: 'configmaps', kind: 'ConfigMap', short: ['cm'] },
  {
    gv: 'v1',
    plural: 'services',
    kind: 'Service',
    status: true,
    short: ['svc'],
    categories: ['all'],
  },
  {
    gv: 'v1',
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    status: true,
    short: ['pvc'],
  },
  { gv: 'v1', plural: 'events', kind: 'Event', short: ['ev'] },
  { gv: 'events.k8s.io/v1', plural: 'events', kind: 'Event', short: ['ev'] },
  {
    gv: 'apps/v1',
    plural: 'deployments',
    kind: 'Deployment',
    status: true,
    short: ['deploy'],
    categories: ['all'],
  },
  { gv: 'batch/v1', plural: 'jobs', kind: 'Job', status: true, categories: ['all'] },
  {
    gv: 'autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    status: true,
    short: ['hpa'],
    categories: ['all'],
  },
  {
    gv: 'policy/v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    status: true,
    short: ['pdb'],
  },
  { gv: 'coordination.k8s.io/v1', plural: 'leases', kind: 'Lease' },
  {
    gv: 'apiextensions.k8s.io/v1',
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    status: true,
    short: ['crd', 'crds'],
    categories: ['api-extensions'],
  },
];

const toType = (r: Row): ResourceType => {
  const [group, version] = r.gv.includes('/') ? r.gv.split('/') : ['', r.gv];
  return {
    group: group ?? '',
    version: version ?? '',
    plural: r.plural,
    singular: r.kind.toLowerCase(),
    kind: r.kind,
    listKind: `${r.kind}List`,
    namespaced: r.namespaced ?? true,
    hasStatus: r.status ?? false,
    shortNames: r.short ?? [],
    categories: r.categories ?? [],
    printerColumns: [],
  };
};

export const builtinTypes = (): ResourceType[] => rows.map(toType);
