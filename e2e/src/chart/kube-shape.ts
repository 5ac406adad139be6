// Checks an object of a built-in kind the way kube-apiserver decodes it with kubectl's default
// fieldValidation=Strict: a field its type does not declare is refused (`unknown field
// "spec.x"`), and so is a value of the wrong JSON type. The shapes come from @kubernetes/client-node's
// models, generated from Kubernetes' OpenAPI; our Kubernetes-API test server stores built-ins
// unvalidated, so rendered chart output is checked here instead.
// https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
import * as models from '@kubernetes/client-node';

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}
interface Model {
  getAttributeTypeMap(): Attribute[];
}

const modelOf = (type: string): Model | undefined => {
  const candidate = (models as unknown as Record<string, unknown>)[type] as Partial<Model>;
  return typeof candidate?.getAttributeTypeMap === 'function' ? (candidate as Model) : undefined;
};

/** client-node's model name for a kind: apps/v1 Deployment -> V1Deployment. */
export function modelName(apiVersion: string, kind: string): string | undefined {
  const version = apiVersion.split('/').pop() ?? '';
  const name = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  return modelOf(name) ? name : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SCALARS: Record<string, (value: unknown, format: string) => boolean> = {
  string: (v) => typeof v === 'string',
  Date: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  number: (v, format) =>
    typeof v === 'number' && (!format.startsWith('int') || Number.isInteger(v)),
  IntOrString: (v) => typeof v === 'string' || Number.isInteger(v),
  any: () => true,
  object: () => true,
};

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/** Every field of value that type does not declare or whose JSON type differs, with its path. */
export function shapeErrors(value: unknown, type: string, path: string, format = ''): string[] {
  if (value === null) return [];
  const scalar = SCALARS[type];
  if (scalar) return scalar(value, format) ? [] : [mismatch(path, type, value)];
  const element = ARRAY.exec(type)?.[1];
  if (element !== undefined) return arrayErrors(value, element, path);
  if (!isObject(value)) return [mismatch(path, 'object', value)];
  const valueType = MAP.exec(type)?.[1];
  if (valueType !== undefined)
    return Object.entries(value).flatMap(([k, v]) => shapeErrors(v, valueType, `${path}.${k}`));
  return modelErrors(value, type, path);
}

function arrayErrors(value: unknown, element: string, path: string): string[] {
  if (!Array.isArray(value)) return [mismatch(path, 'array', value)];
  return value.flatMap((item, i) => shapeErrors(item, element, `${path}[${i}]`));
}

function modelErrors(value: Record<string, unknown>, type: string, path: string): string[] {
  const model = modelOf(type);
  if (!model) return [];
  const fields = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a]));
  return Object.entries(value).flatMap(([key, child]) => {
    const field = fields.get(key);
    const at = path ? `${path}.${key}` : key;
    if (!field) return [`unknown field "${at}"`];
    return shapeErrors(child, field.type, at, field.format);
  });
}

const mismatch = (path: string, expected: string, value: unknown): string =>
  `${path}: expected ${expected}, got ${Array.isArray(value) ? 'array' : typeof value} ${JSON.stringify(value)}`;
