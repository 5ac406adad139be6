import type { PinoLogger } from 'nestjs-pino';
import { loadRouterModel } from './router-model.module.js';

const logger = () => {
  const lines: string[] = [];
  const log = (_: object, message: string) => lines.push(message);
  return { lines, logger: { info: log, error: log } as unknown as PinoLogger };
};

describe('loadRouterModel', () => {
  it('loads the committed artifact, which predicts without I/O', () => {
    const { lines, logger: log } = logger();
    const { model } = loadRouterModel(log);
    expect(model?.version).toMatch(/^router-model-[0-9a-f]{8}$/);
    const prediction = model?.predict('Write a Python function that reverses a list');
    expect(prediction?.smallOk).toBeGreaterThanOrEqual(0);
    expect(prediction?.smallOk).toBeLessThanOrEqual(1);
    expect(lines).toEqual(['Loaded the router model']);
  });

  it('loads none, and says so, when the artifact cannot be read', () => {
    const { lines, logger: log } = logger();
    const loaded = loadRouterModel(log, () => {
      throw new Error('ENOENT');
    });
    expect(loaded.model).toBeUndefined();
    expect(lines).toEqual(['Could not load the router model; learned policies are not Ready']);
  });
});
