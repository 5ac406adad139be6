// Reads a file of RBAC rules (a plain YAML list of PolicyRules, as a Helm chart includes with
// .Files.Get) together with which rules are marked as needed although a test run cannot use
// them: a comment line "# not-exercised: <why>" right above the rule.
import { isMap, isSeq, parseDocument } from 'yaml';
import type { PolicyRule } from './rbac.js';

export interface RuleFile {
  readonly rules: PolicyRule[];
  /** Indexes into rules of those marked not-exercised, with the reason given. */
  readonly notExercised: ReadonlyMap<number, string>;
}

const MARK = /^\s*not-exercised:\s*(.+)$/m;

export function readRuleFile(text: string): RuleFile {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`RBAC rules: ${doc.errors[0]?.message}`);
  if (!isSeq(doc.contents)) throw new Error('RBAC rules: the file must be a YAML list of rules');
  const notExercised = new Map<number, string>();
  doc.contents.items.forEach((item, index) => {
    if (!isMap(item)) throw new Error(`RBAC rules: item ${index} is not a PolicyRule`);
    // yaml gives the first item's leading comments to the document, when nothing separates them.
    const comment = item.commentBefore ?? (index === 0 ? doc.commentBefore : undefined) ?? '';
    const why = MARK.exec(comment)?.[1];
    if (why) notExercised.set(index, why.trim());
  });
  const rules = doc.toJS() as PolicyRule[];
  rules.forEach((rule, index) => {
    if (!Array.isArray(rule.verbs) || rule.verbs.length === 0)
      throw new Error(`RBAC rules: rule ${index} has no verbs`);
  });
  return { rules, notExercised };
}
