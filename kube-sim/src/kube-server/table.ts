// `kubectl get` Tables (meta.k8s.io/v1): NAME first, then the CRD's additionalPrinterColumns;
// with no printer columns, NAME and AGE (the default the real server uses for CRDs without
// columns). Date cells are rendered as ages (`5m`) by the server, as the real one does.
import { ageOf } from './duration.js';
import { evaluateJsonPath } from './jsonpath.js';
import type { Json, KubeObject, PrinterColumn, ResourceType } from './types.js';

const nameColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

const columnsOf = (t: ResourceType): PrinterColumn[] =>
  t.printerColumns.length > 0 ? t.printerColumns : [ageColumn];

const cell = (c: PrinterColumn, o: KubeObject): unknown => {
  let v: unknown;
  try {
    v = evaluateJsonPath(c.jsonPath, o)[0];
  } catch {
    return null;
  }
  if (v === undefined) return null;
  if (c.type === 'date') return ageOf(v);
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return v;
};

const partialMetadata = (o: KubeObject): Json => ({
  kind: 'PartialObjectMetadata',
  apiVersion: 'meta.k8s.io/v1',
  metadata: o.metadata,
});

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export const toTable = (
  t: ResourceType,
  items: KubeObject[],
  listMeta: Json,
  include: IncludeObject,
): Json => {
  const columns = columnsOf(t);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      nameColumn,
      ...columns.map((c) => ({
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    rows: items.map((o) => ({
      cells: [o.metadata.name ?? '', ...columns.map((c) => cell(c, o))],
      ...(include === 'None' ? {} : { object: include === 'Object' ? o : partialMetadata(o) }),
    })),
  };
};
