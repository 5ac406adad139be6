export { validateBuiltin, type BuiltinResult } from './validate-builtin.js';
export { KUBERNETES_VERSIONS } from './openapi-documents.js';
export { schemasFor, type GroupVersionKind } from './kind-schemas.js';
