import { taskKindLabel } from './router-metrics.js';

describe('taskKindLabel', () => {
  it.each<[Parameters<typeof taskKindLabel>[0], string]>([
    [{ taskKind: 'code', taskKindSource: 'predicted' }, 'code'],
    [{ taskKind: 'my-own-label-42', taskKindSource: 'caller' }, 'caller'],
    [{ taskKind: undefined, taskKindSource: undefined }, 'none'],
  ])('labels %j as %s', (decision, label) => {
    expect(taskKindLabel(decision)).toBe(label);
  });
});
