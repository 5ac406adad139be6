// What the suite fuzzes, taken from the generated descriptors: every service exported by
// @sluice/proto and every service of the files the server reflects. Nothing here is a list
// written by hand, so a new RPC or service is fuzzed the day it is generated.
import type { DescMethod, DescService } from '@bufbuild/protobuf';
import * as proto from '@sluice/proto';

const isService = (value: unknown): value is DescService =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'service';

/** Services by type name, from the package's exports and from SLUICE_V1_FILES. */
export function sluiceServices(): DescService[] {
  const byName = new Map<string, DescService>();
  for (const value of Object.values(proto)) if (isService(value)) byName.set(value.typeName, value);
  for (const file of proto.SLUICE_V1_FILES)
    for (const service of file.services) byName.set(service.typeName, service);
  return [...byName.values()].sort((a, b) => a.typeName.localeCompare(b.typeName));
}

export const methodPath = (method: DescMethod): string =>
  `/${method.parent.typeName}/${method.name}`;

export function sluiceMethods(): DescMethod[] {
  return sluiceServices().flatMap((service) => service.methods);
}
