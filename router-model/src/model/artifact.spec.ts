import { DEFAULT_FEATURE_CONFIG, featureDims } from '../features/feature-config.js';
import { KIND_PROFILES, TASK_KINDS } from '../kinds.js';
import { loadRouterModel } from '../linear-router-model.js';
import { mulberry32 } from '../training/prng.js';
import { artifactVersion, decodeArtifact, encodeArtifact, type Artifact } from './artifact.js';

function randomArtifact(seed: number): Artifact {
  const features = { ...DEFAULT_FEATURE_CONFIG, hashBits: 8 };
  const dims = featureDims(features);
  const random = mulberry32(seed);
  const classes = TASK_KINDS.length;
  return {
    header: {
      format: 1,
      family: 'softmax',
      kinds: TASK_KINDS,
      acceptance: TASK_KINDS.map((k) => KIND_PROFILES[k].acceptance),
      features,
      temperature: 0.8,
      dims,
    },
    model: {
      dims,
      classes,
      weights: Float32Array.from({ length: dims * classes }, () => random() * 4 - 2),
      bias: Float32Array.from({ length: classes }, () => random() - 0.5),
    },
  };
}

describe('artifact', () => {
  it('round-trips: the decoded artifact encodes to the same bytes and predicts the same', () => {
    const bytes = encodeArtifact(randomArtifact(7));
    const decoded = decodeArtifact(bytes);
    expect(Buffer.from(encodeArtifact(decoded)).equals(Buffer.from(bytes))).toBe(true);
    const a = loadRouterModel(bytes);
    const b = loadRouterModel(encodeArtifact(decoded));
    for (const prompt of ['', 'Write a haiku', 'def f(x):\n  return x * 2', 'Wie spät ist es?']) {
      expect(b.predict(prompt)).toEqual(a.predict(prompt));
    }
  });

  it('is named by its content: router-model- and 8 hex digits of its sha256', () => {
    const a = encodeArtifact(randomArtifact(1));
    expect(artifactVersion(a)).toMatch(/^router-model-[0-9a-f]{8}$/);
    expect(artifactVersion(a)).toBe(artifactVersion(encodeArtifact(randomArtifact(1))));
    expect(artifactVersion(a)).not.toBe(artifactVersion(encodeArtifact(randomArtifact(2))));
  });

  it.each([
    ['no magic', (b: Uint8Array) => b.fill(0, 0, 4)],
    ['truncated', (b: Uint8Array) => b.subarray(0, b.length - 4)],
  ])('refuses an artifact with %s', (_name, damage) => {
    const bytes = damage(encodeArtifact(randomArtifact(3)).slice());
    expect(() => decodeArtifact(bytes)).toThrow(/artifact/);
  });

  // A ConfigMap can hold anything: a header whose parts disagree must fail to load, not score NaN.
  it.each<[string, (h: Record<string, unknown>) => void, RegExp]>([
    ['dims for other hash bits', (h) => (h['dims'] = 300), /dims 300 is not 267/],
    [
      'hash bits out of range',
      (h) => (h['features'] = { ...DEFAULT_FEATURE_CONFIG, hashBits: 40 }),
      /features.hashBits must be an integer from 1 to 20/,
    ],
    [
      'one acceptance short',
      (h) => (h['acceptance'] = [0.5]),
      /acceptance must have one entry per kind \(11\)/,
    ],
    ['no kinds', (h) => (h['kinds'] = []), /kinds must list at least 2 kinds/],
    ['a zero temperature', (h) => (h['temperature'] = 0), /temperature must be above 0/],
  ])('refuses a header with %s, naming the field', (_name, edit, message) => {
    const artifact = randomArtifact(4);
    const header = { ...artifact.header } as unknown as Record<string, unknown>;
    edit(header);
    const bytes = encodeArtifact({ ...artifact, header: header as unknown as Artifact['header'] });
    expect(() => decodeArtifact(bytes)).toThrow(message);
  });
});
