import { Probes } from './probes.js';

describe('Probes', () => {
  it('is ready with no checks until shutdown begins', async () => {
    const probes = new Probes();
    await expect(probes.readiness()).resolves.toEqual({ ready: true, lines: ['[+]shutdown ok'] });
    probes.onModuleDestroy();
    expect(probes.isShuttingDown).toBe(true);
    await expect(probes.readiness()).resolves.toEqual({
      ready: false,
      lines: ['[-]shutdown in progress'],
    });
  });

  it.each([
    ['a passing check', () => true, true, '[+]grpc ok'],
    ['a failing check', () => false, false, '[-]grpc failed'],
    ['an async check', () => Promise.resolve(true), true, '[+]grpc ok'],
    [
      'a check that throws',
      (): boolean => {
        throw new Error('boom');
      },
      false,
      '[-]grpc failed',
    ],
    ['a check that rejects', () => Promise.reject(new Error('boom')), false, '[-]grpc failed'],
  ])('reports %s', async (_name, check, ready, line) => {
    const probes = new Probes();
    probes.addReadinessCheck('grpc', check);
    const result = await probes.readiness();
    expect(result.ready).toBe(ready);
    expect(result.lines).toContain(line);
  });

  it('needs every check to pass', async () => {
    const probes = new Probes();
    probes.addReadinessCheck('grpc', () => true);
    probes.addReadinessCheck('informers', () => false);
    await expect(probes.readiness()).resolves.toMatchObject({ ready: false });
  });
});
