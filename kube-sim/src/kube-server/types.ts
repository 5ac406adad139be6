// Shapes shared by the test server's modules. Objects are plain JSON, as on the wire.
export type Json = Record<string, unknown>;

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: Array<{ uid: string; kind?: string; name?: string; apiVersion?: string }>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** One served group/version/resource, from the built-in table or a registered CRD. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  hasStatus: boolean;
  shortNames: string[];
  categories: string[];
  printerColumns: PrinterColumn[];
  /** The CRD's openAPIV3Schema for this version; undefined for built-ins (permissive). */
  schema?: Json;
  /** The CRD that registered it (validation input; deleting the CRD removes the resource). */
  crd?: KubeObject;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as kept in the bounded history that watches replay. */
export interface StoredEvent {
  rv: number;
  /** `<group>/<plural>`: objects are stored once per group-resource, served at every version. */
  groupResource: string;
  namespace: string;
  type: WatchEventType;
  object: KubeObject;
}

export const apiVersionOf = (t: { group: string; version: string }): string =>
  t.group === '' ? t.version : `${t.group}/${t.version}`;

export const gvrKey = (t: { group: string; version: string; plural: string }): string =>
  `${t.group}/${t.version}/${t.plural}`;
