import { createHash } from 'node:crypto';
import type { FeatureConfig } from '../features/feature-config.js';
import type { TaskKind } from '../kinds.js';
import { checkHeader } from './artifact-header.js';
import type { LinearModel } from './linear-model.js';

/**
 * router-model.bin: "SLRM", a little-endian u32 header length, the JSON header (space-padded to
 * 4 bytes), then Float32 little-endian bias[classes] and weights[dims x classes]. Every byte
 * follows from the header and weights, so the same training gives the same file.
 */
export interface ArtifactHeader {
  readonly format: 1;
  readonly family: string;
  readonly kinds: readonly TaskKind[];
  readonly acceptance: readonly number[];
  readonly features: FeatureConfig;
  readonly temperature: number;
  readonly dims: number;
}

export interface Artifact {
  readonly header: ArtifactHeader;
  readonly model: LinearModel;
}

const MAGIC = 'SLRM';
export const FORMAT_VERSION = 1;

export function encodeArtifact({ header, model }: Artifact): Uint8Array {
  let json = JSON.stringify(header);
  while ((8 + Buffer.byteLength(json)) % 4 !== 0) json += ' ';
  const headerBytes = Buffer.from(json, 'utf8');
  const floats = model.bias.length + model.weights.length;
  const out = Buffer.alloc(8 + headerBytes.length + 4 * floats);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  let offset = 8 + headerBytes.length;
  for (const array of [model.bias, model.weights]) {
    for (let i = 0; i < array.length; i++, offset += 4) out.writeFloatLE(array[i] ?? 0, offset);
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function decodeArtifact(bytes: Uint8Array): Artifact {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error('Not a router model artifact (no SLRM magic)');
  }
  const headerLength = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as ArtifactHeader;
  if (header.format !== FORMAT_VERSION) {
    throw new Error(
      `Router model artifact format ${String(header.format)} is not ${String(FORMAT_VERSION)}`,
    );
  }
  checkHeader(header);
  const classes = header.kinds.length;
  const expected = 8 + headerLength + 4 * classes * (1 + header.dims);
  if (buffer.length !== expected) {
    throw new Error(`Router model artifact is ${buffer.length} bytes, its header says ${expected}`);
  }
  const bias = readFloats(buffer, 8 + headerLength, classes);
  const weights = readFloats(buffer, 8 + headerLength + 4 * classes, classes * header.dims);
  return { header, model: { dims: header.dims, classes, weights, bias } };
}

function readFloats(buffer: Buffer, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = buffer.readFloatLE(offset + 4 * i);
  return out;
}

/** "router-model-" + the first 8 hex digits of the artifact's sha256. */
export function artifactVersion(bytes: Uint8Array): string {
  return `router-model-${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}`;
}
