// Test infrastructure shared by e2e journeys and integration tests: the Kubernetes-API test
// server (kube-server/) and, later, the fake vLLM backend.
export * from './kube-server/index.js';
