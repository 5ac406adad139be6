// Public surface of the Kubernetes-API test server.
export { startKubeServer, type KubeServer, type KubeServerOptions } from './start.js';
export { Store } from './store.js';
export { Registry } from './registry.js';
export {
  RequestLog,
  describeRequest,
  type RecordedRequest,
  type RequestVerb,
} from './request-log.js';
export {
  deniedRequests,
  describePermission,
  permissionsOf,
  ruleAllows,
  rulesAllow,
  unusedPermissions,
  type Permission,
  type PolicyRule,
  type ResourceRequest,
} from './rbac.js';
export { readRuleFile, type RuleFile } from './rbac-file.js';
export {
  passThroughValidator,
  validatorFrom,
  type CustomResourceValidator,
  type CustomResourceValidationInput,
  type CustomResourceValidationResult,
} from './validator.js';
export type { FieldError } from './errors.js';
export type { KubeObject, ResourceType } from './types.js';
