import type { ModelView, RoutingSnapshot } from '../routing/engine/index.js';
import { withLocalEndpoints } from './local-endpoints.js';

const view = (name: string, endpoint: string | undefined): ModelView =>
  ({ name, endpoint }) as unknown as ModelView;

const snapshot = (): RoutingSnapshot =>
  ({
    models: new Map([
      ['small', view('small', 'http://small.default.svc:8000/v1')],
      ['big', view('big', 'https://api.openai.com/v1')],
    ]),
  }) as unknown as RoutingSnapshot;

describe('withLocalEndpoints (local mode only)', () => {
  it.each([
    ['no map', undefined, 'default', 'http://small.default.svc:8000/v1'],
    ['an empty map', new Map<string, string>(), 'default', 'http://small.default.svc:8000/v1'],
    [
      'the model in the map',
      new Map([['default/small', 'http://127.0.0.1:1/v1']]),
      'default',
      'http://127.0.0.1:1/v1',
    ],
    [
      'another namespace',
      new Map([['other/small', 'http://127.0.0.1:1/v1']]),
      'default',
      'http://small.default.svc:8000/v1',
    ],
  ])('with %s, small routes to the expected endpoint', (_, map, namespace, expected) => {
    const result = withLocalEndpoints(snapshot(), namespace, map);
    expect(result.models.get('small')?.endpoint).toBe(expected);
    expect(result.models.get('big')?.endpoint).toBe('https://api.openai.com/v1');
  });

  it('leaves the snapshot it was given unchanged', () => {
    const original = snapshot();
    withLocalEndpoints(original, 'default', new Map([['default/small', 'http://127.0.0.1:1/v1']]));
    expect(original.models.get('small')?.endpoint).toBe('http://small.default.svc:8000/v1');
  });
});
