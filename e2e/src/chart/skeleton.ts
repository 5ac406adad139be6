// A template's static YAML skeleton: every line that is only a template action (if, with, range,
// end, an include or toYaml piped to nindent) is dropped, and every action inside a line becomes
// the scalar `x`. What is left must parse as YAML with the structure the chart means, so a
// misplaced key or a broken indent in the template's own text is caught without Helm. What the
// actions insert (labels, resources, rules) is checked elsewhere, from values and files.
import { parseAllDocuments } from 'yaml';

const ACTION_LINE = /^\s*\{\{[\s\S]*?\}\}\s*$/;
const INLINE_ACTION = /\{\{-?[\s\S]*?-?\}\}/g;

export function skeleton(template: string): string {
  return template
    .split('\n')
    .filter((line) => !ACTION_LINE.test(line))
    .map((line) => line.replace(INLINE_ACTION, 'x'))
    .join('\n');
}

/** The skeleton's documents, as plain objects; throws on the first YAML error. */
export function skeletonDocuments(template: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(skeleton(template));
  return docs.map((doc, index) => {
    const error = doc.errors[0];
    if (error) throw new Error(`document ${index}: ${error.message}`);
    return (doc.toJS() ?? {}) as Record<string, unknown>;
  });
}
