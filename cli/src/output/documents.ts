// `--output yaml|json` for Kubernetes objects, as kubectl prints them: a multi-document YAML stream,
// or one JSON `List` (the shape of kubectl get -o json).
import { stringify } from 'yaml';

export const DOCUMENT_FORMATS = ['yaml', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Nothing at all for no objects, so an empty stdout means nothing was rendered. */
export function formatDocuments(objects: readonly object[], format: DocumentFormat): string {
  if (objects.length === 0) return '';
  if (format === 'json') {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: objects,
    };
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  // lineWidth 0: long strings stay on one line; no anchors for objects shared in memory (probes).
  const options = { lineWidth: 0, aliasDuplicateObjects: false };
  return objects.map((o) => `---\n${stringify(o, options)}`).join('');
}
