import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeConfigSource } from './kube-config.js';

/** A folder with the files asked for: a home with .kube/config, a service account token. */
function fixture(files: { homeConfig?: boolean; token?: boolean }) {
  const root = mkdtempSync(join(tmpdir(), 'sluice-kubeconfig-'));
  const home = join(root, 'home');
  mkdirSync(join(home, '.kube'), { recursive: true });
  if (files.homeConfig) writeFileSync(join(home, '.kube', 'config'), 'apiVersion: v1');
  const serviceAccountToken = join(root, 'token');
  if (files.token) writeFileSync(serviceAccountToken, 'token');
  return { home, serviceAccountToken, homeConfig: join(home, '.kube', 'config') };
}

describe('kubeConfigSource', () => {
  it.each<[string, string | undefined, { homeConfig?: boolean; token?: boolean }, string]>([
    ['KUBECONFIG first', '/etc/k.yaml', { homeConfig: true, token: true }, '/etc/k.yaml'],
    ['then ~/.kube/config', undefined, { homeConfig: true, token: true }, 'home'],
    ['then the service account', undefined, { token: true }, 'in-cluster'],
    ['else none, never localhost:8080', undefined, {}, 'none'],
  ])('%s', (_name, kubeconfig, files, expected) => {
    const f = fixture(files);
    const source = kubeConfigSource({ kubeconfig, ...f });
    if (expected === 'none') expect(source).toBeUndefined();
    else expect(source).toBe(expected === 'home' ? f.homeConfig : expected);
  });
});
