import type { V1ConfigMap } from '@kubernetes/client-node';
import { artifactVersion, loadRouterModel } from '@sluice/router-model';
import { RouterModelArtifacts } from './router-model-artifacts.js';
import { tinyArtifact } from './testing/tiny-artifact.js';

const ref = { namespace: 'team-a', name: 'my-router', key: 'router-model.bin' };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const configMap = (resourceVersion: string, binaryData?: Record<string, string>): V1ConfigMap => ({
  metadata: { name: ref.name, namespace: ref.namespace, resourceVersion },
  ...(binaryData === undefined ? {} : { binaryData }),
});

/** The real loader, counting its calls. */
function counting() {
  const calls: string[] = [];
  const load = (bytes: Uint8Array) => {
    calls.push(artifactVersion(bytes));
    return loadRouterModel(bytes);
  };
  return { calls, load };
}

describe('RouterModelArtifacts', () => {
  const a = tinyArtifact('a');
  const b = tinyArtifact('b');

  it('decodes a ConfigMap once per resourceVersion, and the same bytes once whatever holds them', () => {
    const { calls, load } = counting();
    const artifacts = new RouterModelArtifacts(8, load);
    const first = artifacts.fromConfigMap(ref, configMap('1', { 'router-model.bin': base64(a) }));
    const again = artifacts.fromConfigMap(ref, configMap('1', { 'router-model.bin': base64(a) }));
    expect('model' in first && first.model.version).toBe(artifactVersion(a));
    expect('model' in again && again.model).toBe('model' in first && first.model);
    // A new resourceVersion with the same bytes (a label added), or another ConfigMap: no decode.
    artifacts.fromConfigMap(ref, configMap('2', { 'router-model.bin': base64(a) }));
    const other = { ...ref, name: 'copy' };
    artifacts.fromConfigMap(other, configMap('3', { 'router-model.bin': base64(a) }));
    expect(calls).toEqual([artifactVersion(a)]);
    artifacts.fromConfigMap(ref, configMap('4', { 'router-model.bin': base64(b) }));
    expect(calls).toEqual([artifactVersion(a), artifactVersion(b)]);
  });

  it('keeps at most its limit of models, least recently used out, and lists their versions', () => {
    const artifacts = new RouterModelArtifacts(2);
    const c = tinyArtifact('c');
    for (const [i, bytes] of [a, b, a, c].entries())
      artifacts.fromConfigMap(ref, configMap(String(i), { 'router-model.bin': base64(bytes) }));
    expect(artifacts.versions()).toEqual([artifactVersion(a), artifactVersion(c)]);
  });

  it('reads an artifact kubectl put in data (a file that was valid UTF-8): its UTF-8 bytes', () => {
    const seen: Buffer[] = [];
    const artifacts = new RouterModelArtifacts(8, (bytes) => {
      seen.push(Buffer.from(bytes));
      return {
        version: artifactVersion(bytes),
        predict: () => ({ kind: 'math', kindProbability: 1, smallOk: 1 }),
      };
    });
    const text = 'SLRM header é';
    const outcome = artifacts.fromConfigMap(ref, {
      ...configMap('1'),
      data: { 'router-model.bin': text },
    });
    expect('model' in outcome).toBe(true);
    expect(seen).toEqual([Buffer.from(text, 'utf8')]);
  });

  it.each<[string, V1ConfigMap, string, string]>([
    [
      'no such key',
      configMap('1', { 'other.bin': base64(a) }),
      'RouterModelNotFound',
      'ConfigMap team-a/my-router has no key router-model.bin (it has other.bin)',
    ],
    ['no data at all', configMap('1'), 'RouterModelNotFound', '(it has none)'],
    [
      'bytes that are no artifact',
      configMap('1', { 'router-model.bin': base64(Buffer.from('hello world')) }),
      'RouterModelInvalid',
      'ConfigMap team-a/my-router key router-model.bin is not a router model artifact: Not a router model artifact (no SLRM magic)',
    ],
    [
      'a truncated artifact',
      configMap('1', { 'router-model.bin': base64(a.subarray(0, a.length - 8)) }),
      'RouterModelInvalid',
      `its header says ${a.length}`,
    ],
  ])('explains %s', (_name, object, reason, message) => {
    const outcome = new RouterModelArtifacts().fromConfigMap(ref, object);
    expect(outcome).toMatchObject({ reason });
    expect('error' in outcome && outcome.error).toContain(message);
  });

  it('remembers a failure per resourceVersion, and forgets a ConfigMap that went away', () => {
    const { calls, load } = counting();
    const artifacts = new RouterModelArtifacts(8, load);
    const broken = configMap('5', { 'router-model.bin': base64(Buffer.from('SLRM????')) });
    artifacts.fromConfigMap(ref, broken);
    artifacts.fromConfigMap(ref, broken);
    expect(calls).toHaveLength(1);
    artifacts.forget(ref.namespace, ref.name);
    artifacts.fromConfigMap(ref, broken);
    expect(calls).toHaveLength(2);
  });
});
