import { validateBuiltin } from './validate-builtin.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const SERVICE = { group: '', version: 'v1', kind: 'Service' };
const JOB = { group: 'batch', version: 'v1', kind: 'Job' };

const deployment = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'm', namespace: 'default', creationTimestamp: null },
  spec: {
    selector: { matchLabels: { app: 'm' } },
    template: {
      metadata: { labels: { app: 'm' } },
      spec: { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.10.1.1', ...container }] },
    },
    ...spec,
  },
});

describe('validateBuiltin (vendored Kubernetes 1.27 and 1.33 OpenAPI)', () => {
  it('accepts a well-formed Deployment, nulls and numeric quantities included', () => {
    const ok = deployment({
      resources: { requests: { cpu: 0.5, memory: '16Gi', 'nvidia.com/gpu': 1 } },
      ports: [{ containerPort: 8000, protocol: 'TCP' }],
      readinessProbe: { httpGet: { path: '/health', port: 'http' } },
    });
    const result = validateBuiltin(DEPLOYMENT, ok);
    expect(result).toEqual({ object: ok, errors: [], unknownFields: [] });
  });

  it('reports a misspelled field as unknown and prunes it from what is stored', () => {
    const typo = deployment({}, { replica: 2 });
    const result = validateBuiltin(DEPLOYMENT, typo);
    expect(result.unknownFields).toEqual(['spec.replica']);
    expect((result.object as { spec: Record<string, unknown> }).spec.replica).toBeUndefined();
  });

  it("refuses a value of the wrong type with encoding/json's message, as decoding does", () => {
    const bad = deployment({ ports: [{ containerPort: '8000' }] });
    expect(validateBuiltin(DEPLOYMENT, bad).decodeError).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ' +
        'string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort ' +
        'of type int32',
    );
  });

  it('names a map entry of the wrong type at the map field', () => {
    const bad = { ...deployment({}), metadata: { name: 'm', labels: { tier: 1 } } };
    expect(validateBuiltin(DEPLOYMENT, bad).decodeError).toMatch(
      /cannot unmarshal number into Go struct field ObjectMeta\.metadata\.labels of type string$/,
    );
  });

  it('refuses a container without a name (required in the documents)', () => {
    const { errors } = validateBuiltin(DEPLOYMENT, deployment({ name: undefined }));
    expect(errors).toEqual([
      { field: 'spec.template.spec.containers[0].name', type: 'Required', message: '' },
    ]);
  });

  it('refuses a Deployment without a selector', () => {
    const spec = { ...deployment({}).spec, selector: undefined };
    const errors = validateBuiltin(DEPLOYMENT, { ...deployment({}), spec }).errors;
    expect(errors.map((e) => `${e.field}: ${e.type}`)).toContain('spec.selector: Required');
  });

  it('takes an int-or-string port by name or number, but not as a float', () => {
    const svc = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      // Enums (spec.type) are Go-coded, not in the documents: not checked (docs/conformance.md).
      spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort }] },
    });
    expect(validateBuiltin(SERVICE, svc('http')).decodeError).toBeUndefined();
    expect(validateBuiltin(SERVICE, svc(8000)).decodeError).toBeUndefined();
    expect(validateBuiltin(SERVICE, svc(80.5)).decodeError).toMatch(
      /cannot unmarshal number into Go struct field ServicePort\.spec\.ports\.targetPort of type intstr\.IntOrString$/,
    );
  });

  it('treats a field newer than Kubernetes 1.27 as unknown (Job podReplacementPolicy came in 1.28)', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: {
        podReplacementPolicy: 'Failed',
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
        },
      },
    };
    const result = validateBuiltin(JOB, job);
    expect(result.unknownFields).toEqual(['spec.podReplacementPolicy']);
    // Known to 1.33, so the stored object keeps it.
    expect((result.object as typeof job).spec.podReplacementPolicy).toBe('Failed');
  });

  it('passes kinds it has no document for', () => {
    const o = { apiVersion: 'example.dev/v1', kind: 'Thing', metadata: { name: 'x' }, x: 1 };
    expect(
      validateBuiltin({ group: 'example.dev', version: 'v1', kind: 'Thing' }, o).errors,
    ).toEqual([]);
  });
});
