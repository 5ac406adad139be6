// A Kubernetes cluster without a cluster, for local mode (`sluice dev`), tests and CI: a
// stand-in for kube-apiserver (kube-server/), a fake vLLM standing in for model servers
// (fake-vllm/), and the vendored KEDA and Prometheus Operator CRDs (optional-crds.ts).
export * from './kube-server/index.js';
export * from './fake-vllm/index.js';
export {
  KUBERNETES_VERSIONS,
  schemasFor,
  validateBuiltin,
  type BuiltinResult,
  type GroupVersionKind,
} from './kube-server/builtin-schemas/index.js';
export { KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD } from './optional-crds.js';
