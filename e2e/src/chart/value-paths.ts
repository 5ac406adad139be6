// Whether a `.Values` path a template reads is defined, in values.yaml and in values.schema.json.
// A path missing from values.yaml renders as nothing (Helm prints no error); one missing from the
// schema is refused at install time wherever the schema says additionalProperties: false.

export const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether values (parsed values.yaml) have every key of the path. */
export function valuesHavePath(values: unknown, path: readonly string[]): boolean {
  let node = values;
  for (const key of path) {
    if (!isMap(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
}

/** Follows local `#/definitions/<name>` references, the only kind the chart's schema uses. */
function resolve(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  const seen = new Set<string>();
  let current = node;
  while (current?.$ref !== undefined) {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#/definitions/')) return undefined;
    seen.add(ref);
    const definitions = (root as { definitions?: Record<string, SchemaNode> }).definitions;
    current = definitions?.[ref.slice('#/definitions/'.length)];
  }
  return current;
}

/** Whether the schema declares every key of the path as a property (through $refs). */
export function schemaHasPath(schema: object, path: readonly string[]): boolean {
  const root = schema as SchemaNode;
  let node: SchemaNode | undefined = resolve(root, root);
  for (const key of path) {
    node = resolve(root, node?.properties?.[key]);
    if (node === undefined) return false;
  }
  return true;
}
