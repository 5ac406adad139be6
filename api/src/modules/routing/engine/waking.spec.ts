import { aModel } from './testing/builders.js';
import { DEFAULT_STARTUP_SECONDS, STARTUP_ANNOTATION, wakeViewOf } from './waking.js';

describe('wakeViewOf', () => {
  it.each([
    ['asleep (ScaledToZero)', aModel('m').scaledToZero(), DEFAULT_STARTUP_SECONDS],
    ['starting (ReplicasNotReady)', aModel('m').scaledToZero('ReplicasNotReady'), 120],
    ['starting (DeploymentPending)', aModel('m').scaledToZero('DeploymentPending'), 120],
    [
      'asleep, with its own startup estimate',
      aModel('m').scaledToZero().annotate(STARTUP_ANNOTATION, '45'),
      45,
    ],
  ])('is waking when %s', (_label, model, seconds) => {
    expect(wakeViewOf(model.obj())).toEqual({ readyInSeconds: seconds });
  });

  it.each(['0', '-5', '1.5', 'soon', '86401'])(
    'keeps the default estimate for an annotation of %s',
    (value) => {
      const model = aModel('m').scaledToZero().annotate(STARTUP_ANNOTATION, value);
      expect(wakeViewOf(model.obj())).toEqual({ readyInSeconds: DEFAULT_STARTUP_SECONDS });
    },
  );

  it.each([
    ['a ready scale-to-zero model', aModel('m').scaledToZero().ready()],
    ['an unready model with replicas to keep', aModel('m').ready(false)],
    ['a scale-to-zero model that cannot fit', aModel('m').scaledToZero('InsufficientGPUMemory')],
    ['an external model', aModel('m').scaledToZero().external('gpt-4o')],
  ])('is not waking: %s', (_label, model) => {
    expect(wakeViewOf(model.obj())).toBeUndefined();
  });
});
