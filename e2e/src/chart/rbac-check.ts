// Checks a chart's ClusterRole against requests recorded from a real run, with the RBAC matching
// of kube-sim's rbac.ts. Every rule must be needed: removing any one must deny some request.
import { deniedRequests, type PolicyRule, type ResourceRequest } from '@sluice/kube-sim';

// The ClusterRole templates hold no rules of their own: `rules:` is one .Files.Get of a rules file.
const RULES_FROM_FILE =
  /^rules:\n {2}\{\{-\s*\.Files\.Get\s+"([^"]+)"\s*\|\s*nindent 2\s*\}\}\s*$/m;

/** The rules file a ClusterRole template includes, or undefined if it writes rules of its own. */
export function includedRulesFile(template: string): string | undefined {
  const match = RULES_FROM_FILE.exec(template);
  // Nothing may follow the include: extra rules would escape the check against the run.
  if (!match || template.slice(match.index + match[0].length).trim() !== '') return undefined;
  return match[1];
}

export interface RuleRemoval {
  readonly index: number;
  /** What the run sent that the remaining rules deny. */
  readonly denied: string[];
}

/** For each rule, the requests denied once it is removed (empty: the run never needed it). */
export function removeEachRule(
  rules: readonly PolicyRule[],
  requests: readonly ResourceRequest[],
): RuleRemoval[] {
  return rules.map((_, index) => ({
    index,
    denied: deniedRequests(
      rules.filter((__, i) => i !== index),
      requests,
    ),
  }));
}
