// The ClusterIP Service clients (and the router) call: http://<name>.<namespace>.svc:8000/v1.
import type { V1Service } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { selectorLabels } from './labels.js';
import { childMetadata } from './owner.js';
import { identity } from '../plan/resolved-spec.js';
import { VLLM_PORT } from './vllm-args.js';

export function desiredService(model: InferenceModel): V1Service {
  const { name } = identity(model);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMetadata(model),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(name),
      ports: [{ name: 'http', port: VLLM_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function serviceEndpoint(model: InferenceModel): string {
  const { name, namespace } = identity(model);
  return `http://${name}.${namespace}.svc:${VLLM_PORT}/v1`;
}
