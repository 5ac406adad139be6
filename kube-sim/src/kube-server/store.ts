// In-memory object storage with the generic registry's semantics: one global resourceVersion,
// uid/creationTimestamp/generation, status subresource, optimistic concurrency, finalizers,
// ownerReference garbage collection, and a bounded event history for watches.
import { randomUUID } from 'node:crypto';
import { validateBuiltin } from './builtin-schemas/index.js';
import { configMapSizeErrors } from './configmap-size.js';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound } from './errors.js';
import { fromStorage, storageResource, toStorage } from './event-versions.js';
import { EventHistory } from './history.js';
import {
  foldStringData,
  isUnchanged,
  mergeForWrite,
  prepareForCreate,
  withNextGeneration,
} from './rules.js';
import { apiVersionOf } from './types.js';
import type { KubeObject, ResourceType, StoredEvent, WatchEventType } from './types.js';
import { passThroughValidator, type CustomResourceValidator } from './validator.js';
import { checkUnknownFields, defaultWriteOptions, type WriteOptions } from './write-options.js';
import { collectGarbage, type Propagation } from './gc.js';

export type { Propagation };

const rvRequired = (t: ResourceType, name: string): ApiError =>
  new ApiError(
    422,
    'Invalid',
    `${t.kind}.${t.group} "${name}" is invalid: metadata.resourceVersion: Invalid value: 0x0: ` +
      'must be specified for an update',
    { name, group: t.group, kind: t.kind },
  );
/** Optimistic concurrency; custom resources refuse unconditional updates (the CRD registry's
 * AllowUnconditionalUpdate is false). */
const checkPrecondition = (t: ResourceType, input: KubeObject, stored: KubeObject): void => {
  const sent = input.metadata.resourceVersion;
  if (!sent && t.crd) throw rvRequired(t, input.metadata.name ?? '');
  if (sent && sent !== stored.metadata.resourceVersion)
    throw conflict(t, input.metadata.name ?? '');
};
const clone = <T>(o: T): T => structuredClone(o);

/**
 * Built-in kinds: decoded and validated against the vendored Kubernetes OpenAPI documents
 * (builtin-schemas/), plus the few Go-coded rules the API and operator meet.
 */
const validateBuiltIn = (t: ResourceType, o: KubeObject, options: WriteOptions): KubeObject => {
  const result = validateBuiltin(t, o);
  if (result.decodeError !== undefined) throw badRequest(result.decodeError);
  checkUnknownFields(t, result.unknownFields, options);
  const decoded = result.object as KubeObject;
  const errors = [
    ...result.errors,
    ...(t.kind === 'ConfigMap' ? configMapSizeErrors(decoded) : []),
  ];
  if (errors.length > 0) throw invalid(t, o.metadata.name ?? '', errors);
  return t.group === '' && t.kind === 'Secret' ? foldStringData(decoded) : decoded;
};
const nameChars = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = (): string =>
  Array.from({ length: 5 }, () => nameChars[Math.floor(Math.random() * nameChars.length)]).join('');

export interface StoreOptions {
  validator?: CustomResourceValidator;
  historySize?: number;
}

export interface UpdateHow {
  subresource?: 'status' | undefined;
  options?: WriteOptions;
}

const updateHow = (how: 'status' | UpdateHow): Required<UpdateHow> => {
  const given = typeof how === 'string' ? { subresource: how } : how;
  return { subresource: given.subresource, options: given.options ?? defaultWriteOptions() };
};

export class Store {
  /** key `<group>/<plural>/<namespace>/<name>` -> object and its type. */
  private readonly objects = new Map<string, { t: ResourceType; o: KubeObject }>();
  private rv = 0;
  readonly history: EventHistory;
  validator: CustomResourceValidator;

  constructor(options: StoreOptions = {}) {
    this.history = new EventHistory(options.historySize ?? 1000);
    this.validator = options.validator ?? passThroughValidator;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  get(t: ResourceType, ns: string, name: string): KubeObject {
    const found = this.objects.get(this.key(t, ns, name));
    if (!found) throw notFound(t, name);
    return this.present(t, found.o);
  }

  list(t: ResourceType, ns: string | undefined): KubeObject[] {
    const prefix = `${storageResource(t)}/${ns ?? ''}`;
    const items = [...this.objects.entries()]
      .filter(([k]) =>
        ns === undefined ? k.startsWith(`${storageResource(t)}/`) : k.startsWith(`${prefix}/`),
      )
      .map(([, v]) => this.present(t, v.o));
    return items.sort((a, b) => this.sortKey(a).localeCompare(this.sortKey(b)));
  }

  create(
    t: ResourceType,
    ns: string,
    input: KubeObject,
    options: WriteOptions = defaultWriteOptions(),
  ): KubeObject {
    const meta = input.metadata ?? {};
    const name = meta.name || (meta.generateName ? meta.generateName + randomSuffix() : '');
    if (!name)
      throw new ApiError(
        422,
        'Invalid',
        `${t.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      );
    this.requireNamespace(t, ns);
    if (this.objects.has(this.key(t, ns, name))) throw alreadyExists(t, name);
    let o = prepareForCreate(clone(input), t.hasStatus);
    o.metadata = {
      ...o.metadata,
      name,
      uid: randomUUID(),
      creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      generation: 1,
    };
    if (t.namespaced) o.metadata.namespace = ns;
    else delete o.metadata.namespace;
    delete o.metadata.resourceVersion;
    delete o.metadata.deletionTimestamp;
    o = toStorage(t, this.validate(t, o, { options }));
    if (options.dryRun) return this.present(t, o);
    return this.commit(t, o, 'ADDED');
  }

  /** `how`: 'status' for the status subresource, or that and the request's write options. */
  update(
    t: ResourceType,
    ns: string,
    input: KubeObject,
    how: 'status' | UpdateHow = {},
  ): KubeObject {
    const { subresource, options } = updateHow(how);
    const name = input.metadata?.name ?? '';
    const stored = this.objects.get(this.key(t, ns, name));
    if (!stored) throw notFound(t, name);
    checkPrecondition(t, input, stored.o);
    // Merged and validated in the shape the client wrote, stored in the stored one.
    const old = fromStorage(t, stored.o);
    const merged = this.nextVersion(t, old, input, subresource);
    if (old.metadata.deletionTimestamp && !merged.metadata.finalizers?.length) {
      return this.remove(t, ns, name);
    }
    // Defaults first, as the real server decodes with them: a re-sent list without its defaulted
    // fields is no spec change, and an update that changes nothing is not written at all.
    const validated = this.validate(t, merged, { old, subresource, options });
    const o = toStorage(t, withNextGeneration(old, validated, subresource));
    if (isUnchanged(stored.o, o)) return this.present(t, stored.o);
    if (options.dryRun) return this.present(t, o);
    return this.commit(t, o, 'MODIFIED');
  }

  /** The object an update would store: write rules and server-owned metadata. */
  private nextVersion(
    t: ResourceType,
    old: KubeObject,
    input: KubeObject,
    sub?: 'status',
  ): KubeObject {
    const incoming = clone(input);
    delete incoming.metadata.deletionTimestamp;
    const o = mergeForWrite(old, incoming, { hasStatus: t.hasStatus, subresource: sub });
    o.metadata = { ...o.metadata, ...this.systemMeta(old) };
    return o;
  }

  /** DELETE: finalizers hold the object with a deletionTimestamp; otherwise it goes, with GC. */
  delete(
    t: ResourceType,
    ns: string,
    name: string,
    propagation: Propagation = 'Background',
  ): KubeObject {
    const stored = this.objects.get(this.key(t, ns, name));
    if (!stored) throw notFound(t, name);
    const o = stored.o;
    if (propagation === 'Orphan') this.orphanDependents(o.metadata.uid ?? '');
    if (!o.metadata.finalizers?.length) return this.remove(t, ns, name);
    if (o.metadata.deletionTimestamp) return this.present(t, o);
    const next = clone(o);
    next.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    next.metadata.deletionGracePeriodSeconds = 0;
    return this.commit(t, next, 'MODIFIED');
  }

  /** Removes every object of a resource (its CRD was deleted). */
  dropResource(t: ResourceType): void {
    for (const [k, v] of [...this.objects.entries()]) {
      if (k.startsWith(`${storageResource(t)}/`))
        this.remove(v.t, v.o.metadata.namespace ?? '', v.o.metadata.name ?? '');
    }
  }

  private remove(t: ResourceType, ns: string, name: string): KubeObject {
    const key = this.key(t, ns, name);
    const stored = this.objects.get(key);
    if (!stored) throw notFound(t, name);
    this.objects.delete(key);
    const gone = clone(stored.o);
    gone.metadata.resourceVersion = String(++this.rv);
    this.record(t, gone, 'DELETED');
    collectGarbage(this.gcView());
    return this.present(t, gone);
  }

  private gcView(): Parameters<typeof collectGarbage>[0] {
    return {
      all: () => [...this.objects.values()],
      delete: (t, o) => {
        const k = this.key(t, o.metadata.namespace ?? '', o.metadata.name ?? '');
        if (this.objects.has(k)) this.delete(t, o.metadata.namespace ?? '', o.metadata.name ?? '');
      },
    };
  }

  private orphanDependents(uid: string): void {
    for (const { t, o } of [...this.objects.values()]) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      const next = clone(o);
      next.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
      this.commit(t, next, 'MODIFIED');
    }
  }

  private commit(t: ResourceType, o: KubeObject, type: WatchEventType): KubeObject {
    o.metadata.resourceVersion = String(++this.rv);
    this.objects.set(this.key(t, o.metadata.namespace ?? '', o.metadata.name ?? ''), { t, o });
    this.record(t, o, type);
    return this.present(t, o);
  }

  private record(t: ResourceType, o: KubeObject, type: WatchEventType): void {
    const event: StoredEvent = {
      rv: this.rv,
      groupResource: storageResource(t),
      namespace: o.metadata.namespace ?? '',
      type,
      object: clone(o),
    };
    this.history.record(event);
  }

  private validate(
    t: ResourceType,
    o: KubeObject,
    write: { old?: KubeObject; subresource?: 'status' | undefined; options: WriteOptions },
  ): KubeObject {
    const { old, subresource: sub } = write;
    if (!t.crd) return validateBuiltIn(t, o, write.options);
    const input = {
      crd: t.crd,
      version: t.version,
      object: o,
      ...(old ? { oldObject: old } : {}),
      ...(sub ? { subresource: sub } : {}),
    };
    const result = this.validator.validate(input);
    // Unknown fields are found while decoding, before any validation error.
    checkUnknownFields(t, result.unknownFields ?? [], write.options);
    if (result.errors.length) throw invalid(t, o.metadata.name ?? '', result.errors);
    return result.object as KubeObject;
  }

  private requireNamespace(t: ResourceType, ns: string): void {
    if (!t.namespaced) return;
    if (!ns) throw badRequest('the namespace of the object is required');
    if (!this.objects.has(`/namespaces//${ns}`)) {
      throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, {
        name: ns,
        kind: 'namespaces',
      });
    }
  }

  /** Server-owned metadata survives every update (the client's values are ignored). */
  private systemMeta(old: KubeObject): Partial<KubeObject['metadata']> {
    const keep = ['uid', 'creationTimestamp', 'generation', 'namespace', 'deletionTimestamp'];
    const m = old.metadata;
    const out: Partial<KubeObject['metadata']> = {};
    for (const k of keep) if (m[k] !== undefined) out[k] = m[k];
    if (m.deletionTimestamp) out['deletionGracePeriodSeconds'] = 0;
    return out;
  }

  /** Objects are stored once per group-resource; the answer carries the version asked for. */
  present(t: ResourceType, o: KubeObject): KubeObject {
    return { ...clone(fromStorage(t, o)), apiVersion: apiVersionOf(t), kind: t.kind };
  }

  private key(t: ResourceType, ns: string, name: string): string {
    return `${storageResource(t)}/${t.namespaced ? ns : ''}/${name}`;
  }

  private sortKey(o: KubeObject): string {
    return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  }
}
