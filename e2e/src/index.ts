// Test infrastructure shared by e2e journeys and integration tests: the Kubernetes-API test
// server (kube-server/) and the fake vLLM backend (fake-vllm/).
export * from './kube-server/index.js';
export * from './fake-vllm/index.js';
export { KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD } from './fixtures/optional-crds.js';
