import type { PolicyProblem } from './policy.js';

/**
 * Compiles a rule's RE2-style pattern as a JavaScript RegExp with the u flag (RE2 patterns are
 * nearly all valid there). RE2's leading inline flag "(?i)" becomes the i flag, as JavaScript
 * before ES2025 has no inline flags. An invalid pattern is reported (which makes the policy not
 * Ready, readiness.ts) and returns 'invalid' so the rule never matches and nothing throws.
 *
 * Caveat: JavaScript's engine backtracks where RE2 does not, so a pathological pattern costs more
 * here; policies are written by platform engineers, not callers, and prompts are size-capped.
 */
export function compileRegex(
  pattern: string | undefined,
  field: string,
  problems: PolicyProblem[],
): RegExp | 'invalid' | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  const caseInsensitive = pattern.startsWith('(?i)');
  const source = caseInsensitive ? pattern.slice(4) : pattern;
  try {
    return new RegExp(source, caseInsensitive ? 'iu' : 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({
      field,
      reason: 'InvalidRegex',
      message: `pattern ${JSON.stringify(pattern)} does not compile (${reason})`,
    });
    return 'invalid';
  }
}
