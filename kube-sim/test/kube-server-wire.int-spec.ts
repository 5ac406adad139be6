// Wire details of the Kubernetes-API test server checked over raw HTTP: Status bodies, Tables,
// discovery, watch start and timeout, 422 Invalid from the validator port.
import { startKubeServer, validatorFrom, type KubeServer } from '../src/kube-server/index.js';
import { plural, widget, widgetCrd } from './support/widgets.js';

let server: KubeServer;
const path = `/apis/test.sluice.dev/v1/namespaces/default/${plural}`;

beforeAll(async () => {
  const validator = validatorFrom(({ object }) => {
    const size = (object as { spec?: { size?: number } }).spec?.size ?? 0;
    const errors =
      size < 0
        ? [{ field: 'spec.size', type: 'Invalid' as const, value: size, message: 'must be >= 0' }]
        : [];
    return { object, errors };
  });
  server = await startKubeServer({ validator });
  await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', widgetCrd);
});

afterAll(async () => {
  await server.close();
});

async function call(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ code: number; json: Record<string, unknown> }> {
  const res = await fetch(server.url + url, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { code: res.status, json: (await res.json()) as Record<string, unknown> };
}

const watchLines = async (query: string): Promise<Array<{ type: string; object: unknown }>> => {
  const res = await fetch(`${server.url}${path}?watch=1&${query}`);
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as { type: string; object: unknown });
};

describe('kube-server wire format', () => {
  it('answers 404 NotFound as a Status', async () => {
    expect(await call('GET', `${path}/nope`)).toEqual({
      code: 404,
      json: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'widgets.test.sluice.dev "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'test.sluice.dev', kind: 'widgets' },
        code: 404,
      },
    });
  });

  it('answers 422 Invalid built from the validator errors', async () => {
    const { code, json } = await call('POST', path, widget('bad', -1));
    expect(code).toBe(422);
    expect(json).toMatchObject({
      reason: 'Invalid',
      message:
        'Widget.test.sluice.dev "bad" is invalid: spec.size: Invalid value: -1: must be >= 0',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.size' }] },
    });
  });

  it('serves Tables with NAME first and the printer columns', async () => {
    await call('POST', path, widget('tab', 7));
    const { json } = await call('GET', path, undefined, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(json['kind']).toBe('Table');
    const columns = (json['columnDefinitions'] as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(['Name', 'Size', 'Ready', 'Age']);
    const rows = json['rows'] as Array<{ cells: unknown[]; object: { kind: string } }>;
    const row = rows.find((r) => r.cells[0] === 'tab');
    expect(row?.cells.slice(0, 3)).toEqual(['tab', 7, null]);
    expect(row?.object.kind).toBe('PartialObjectMetadata');
  });

  it('lists the CRD resource with its status subresource in discovery', async () => {
    const { json } = await call('GET', '/apis/test.sluice.dev/v1');
    const names = (json['resources'] as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(['widgets', 'widgets/status']);
    const groups = (await call('GET', '/apis')).json['groups'] as Array<{ name: string }>;
    expect(groups.map((g) => g.name)).toContain('test.sluice.dev');
  });

  it('starts a watch without resourceVersion with ADDED events and ends it at timeoutSeconds', async () => {
    await call('POST', path, widget('seen', 1));
    const events = await watchLines('timeoutSeconds=1&labelSelector=');
    expect(events.map((e) => e.type).every((t) => t === 'ADDED')).toBe(true);
    expect(events.map((e) => (e.object as { metadata: { name: string } }).metadata.name)).toContain(
      'seen',
    );
  });

  it('replays the events after a resourceVersion still in history', async () => {
    const created = await call('POST', path, widget('replay', 1));
    const rv = (created.json['metadata'] as { resourceVersion: string }).resourceVersion;
    await call(
      'PATCH',
      `${path}/replay`,
      { spec: { size: 2 } },
      {
        'Content-Type': 'application/merge-patch+json',
      },
    );
    await call('DELETE', `${path}/replay`);
    const events = await watchLines(`resourceVersion=${rv}&timeoutSeconds=1`);
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });
});
