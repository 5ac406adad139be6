// Pure write rules of the apiserver's generic registry, kept apart from storage so they can be
// tested table-style: which changes bump metadata.generation, and how the status subresource
// splits ownership of an object between the main resource and `/status`.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from './types.js';

/** Everything a generation bump looks at: spec, or for spec-less kinds all but metadata/status. */
const generationPart = (o: KubeObject): unknown => {
  if ('spec' in o) return o['spec'];
  const rest: Record<string, unknown> = { ...o };
  delete rest['metadata'];
  delete rest['status'];
  delete rest['apiVersion'];
  delete rest['kind'];
  return rest;
};

/** Whether an update from `before` to `after` bumps metadata.generation. */
export const bumpsGeneration = (before: KubeObject, after: KubeObject): boolean =>
  !isDeepStrictEqual(generationPart(before), generationPart(after));

/**
 * For kinds with a status subresource, the main resource cannot change status (it keeps the
 * stored one) and `/status` can change only status (everything else is kept), as the registry's
 * PrepareForUpdate strategies do. Without the subresource, the main resource writes both.
 */
export const mergeForWrite = (
  stored: KubeObject,
  incoming: KubeObject,
  mode: { hasStatus: boolean; subresource: 'status' | undefined },
): KubeObject => {
  if (mode.subresource === 'status') {
    const next: KubeObject = { ...stored, metadata: { ...stored.metadata } };
    if (incoming['status'] === undefined) delete next['status'];
    else next['status'] = incoming['status'];
    // Labels, annotations and finalizers may change through /status in the real server too.
    for (const k of ['labels', 'annotations'] as const) {
      if (incoming.metadata[k] !== undefined) next.metadata[k] = incoming.metadata[k];
    }
    return next;
  }
  if (!mode.hasStatus) return incoming;
  const next: KubeObject = { ...incoming };
  if (stored['status'] === undefined) delete next['status'];
  else next['status'] = stored['status'];
  return next;
};

/** On create with a status subresource, the status sent is dropped (the registry resets it). */
export const prepareForCreate = (o: KubeObject, hasStatus: boolean): KubeObject => {
  if (!hasStatus) return o;
  const next = { ...o };
  delete next['status'];
  return next;
};

/** Metadata fields the server owns; client values are ignored on update. */
export const systemMetaKeys = ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp'];

/** `after` with metadata.generation bumped when its spec changed (never by a status write). */
export const withNextGeneration = (
  before: KubeObject,
  after: KubeObject,
  subresource?: 'status',
): KubeObject => {
  if (subresource !== 'status' && bumpsGeneration(before, after)) {
    after.metadata.generation = (before.metadata.generation ?? 1) + 1;
  }
  return after;
};

/** A no-op update: equal but for the resourceVersion the client sent. */
export const isUnchanged = (before: KubeObject, after: KubeObject): boolean => {
  const strip = (o: KubeObject): unknown => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined },
  });
  return isDeepStrictEqual(strip(before), strip(after));
};

/**
 * core/v1 Secret: `stringData` is write-only. The Secret registry's strategy base64-encodes it
 * into `data` (its keys win over data's) and never stores it, so readers only ever see `data`.
 */
export const foldStringData = (o: KubeObject): KubeObject => {
  const stringData = o['stringData'] as Record<string, string> | undefined;
  if (stringData === undefined) return o;
  const next: KubeObject = { ...o };
  delete next['stringData'];
  const encoded = Object.entries(stringData).map(([key, value]) => [
    key,
    Buffer.from(value, 'utf8').toString('base64'),
  ]);
  next['data'] = {
    ...(o['data'] as Record<string, string> | undefined),
    ...Object.fromEntries(encoded),
  };
  return next;
};
