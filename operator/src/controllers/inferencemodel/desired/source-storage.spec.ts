import { locate, shortId } from './model-source.js';
import { FETCHERS, podStorage } from './source-storage.js';

const pvc = (claim: string) => `pvc-${shortId(claim)}`;
const fetch = (uri: string) => `fetch-${shortId(uri)}`;
const dir = (uri: string) => `/downloads/${shortId(uri)}`;

function storage(uris: string[], writable: string[] = []) {
  return podStorage(uris.map(locate), new Set(writable));
}

describe('podStorage', () => {
  it.each<[string, string[], [string[], string[], string[]]]>([
    ['Hugging Face ids need nothing', ['org/model', 'org/lora'], [[], [], []]],
    ['one claim', ['pvc://w/llama'], [[pvc('w')], ['/models/w'], []]],
    [
      'one volume per distinct claim',
      ['pvc://w/llama', 'pvc://a/sql', 'pvc://w/lora'],
      [[pvc('w'), pvc('a')], ['/models/w', '/models/a'], []],
    ],
    [
      'one fetcher per distinct object-store URI, one shared emptyDir',
      ['s3://b/one/', 'gs://g/two', 's3://b/one/'],
      [['downloads'], ['/downloads'], [fetch('s3://b/one/'), fetch('gs://g/two')]],
    ],
    [
      'claims and fetchers together',
      ['pvc://w/llama', 'org/hub-lora', 's3://b/ft/'],
      [[pvc('w'), 'downloads'], ['/models/w', '/downloads'], [fetch('s3://b/ft/')]],
    ],
  ])('%s', (_name, uris, [volumes, mountPaths, inits]) => {
    const s = storage(uris);
    expect(s.volumes.map((v) => v.name)).toEqual(volumes);
    expect(s.mounts.map((m) => m.mountPath)).toEqual(mountPaths);
    expect(s.mounts.every((m) => m.readOnly)).toBe(true);
    expect(s.initContainers.map((c) => c.name)).toEqual(inits);
  });

  it.each<[string, string[], object, object]>([
    [
      'read-only by default',
      [],
      { name: pvc('w'), persistentVolumeClaim: { claimName: 'w', readOnly: true } },
      { name: pvc('w'), mountPath: '/models/w', readOnly: true },
    ],
    [
      'read-write when writable (the trainer output)',
      ['w'],
      { name: pvc('w'), persistentVolumeClaim: { claimName: 'w' } },
      { name: pvc('w'), mountPath: '/models/w' },
    ],
  ])('mounts a claim %s', (_name, writable, volume, mount) => {
    const s = storage(['pvc://w/x'], writable);
    expect(s.volumes).toEqual([volume]);
    expect(s.mounts).toEqual([mount]);
  });

  it('names volumes within a DNS label even for long dotted claim names', () => {
    const claim = `${'a.b-'.repeat(60)}c`;
    expect(storage([`pvc://${claim}/x`]).volumes[0]?.name).toMatch(/^pvc-[a-f0-9]{10}$/);
  });

  it.each<[string, string, string[]]>([
    ['s3://b/ft/', FETCHERS.s3.image, ['aws', 's3', 'sync', '--no-progress', 's3://b/ft/']],
    ['gs://g/ft', FETCHERS.gs.image, ['gcloud', 'storage', 'rsync', '--recursive', 'gs://g/ft']],
  ])('fetches %s with the official CLI into its own folder', (uri, image, command) => {
    const [init] = storage([uri]).initContainers;
    expect(init).toEqual({
      name: fetch(uri),
      image,
      command: [...command, dir(uri)],
      volumeMounts: [{ name: 'downloads', mountPath: dir(uri), subPath: shortId(uri) }],
    });
  });
});
