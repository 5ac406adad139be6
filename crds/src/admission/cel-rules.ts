// Compiles and evaluates one x-kubernetes-validations rule with @marcbachmann/cel-js and words
// the outcome as apiextensions-apiserver's cel.Validator.validateExpressions does:
// - false: field.Invalid(path, <schema type>, message | messageExpression | "failed rule: <rule>")
//   at the rule's node, or at node + fieldPath; `reason` picks Forbidden/Required/Duplicate;
// - runtime error: "<err> evaluating rule: <rule or message>" (e.g. "no such key: x ...");
// - compile error: "rule compile error: ..." (the real server rejects such a CRD up front).
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { registerKubernetesLibrary } from './cel-library.js';
import type { FieldError, ValidationRule } from './types.js';

// Rules with optionalOldSelf see oldSelf as an optional, so they get an environment of their own.
function newEnvironment(oldSelfType: string): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false, enableOptionalTypes: true });
  return registerKubernetesLibrary(
    env.registerVariable('self', 'dyn').registerVariable('oldSelf', oldSelfType),
  );
}

const environments = { plain: newEnvironment('dyn'), optional: newEnvironment('optional<dyn>') };

export type CompiledRule = { program: ParseResult; usesOldSelf: boolean } | { error: string };

const cache = new Map<string, CompiledRule>();

// Transition rules are those that reference oldSelf; string literals are ignored for the test.
const OLD_SELF = /\boldSelf\b/;
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

export function compileRule(source: string, optionalOldSelf = false): CompiledRule {
  const key = `${optionalOldSelf ? 'optional' : 'plain'}:${source}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compile(source, optionalOldSelf ? environments.optional : environments.plain);
    cache.set(key, compiled);
  }
  return compiled;
}

function compile(source: string, env: Environment): CompiledRule {
  try {
    const program = env.parse(source);
    const check = program.check();
    if (!check.valid) return { error: `compilation failed: ${summary(check.error)}` };
    return { program, usesOldSelf: OLD_SELF.test(source.replace(STRINGS, '""')) };
  } catch (error) {
    return { error: `compilation failed: ${summary(error)}` };
  }
}

function summary(error: unknown): string {
  const text = (error as { summary?: unknown } | undefined)?.summary;
  return typeof text === 'string' ? text : String(error);
}

/** cel-go's wording of a runtime error, which kube quotes; cel-js capitalizes some of them. */
export function runtimeErrorText(error: unknown): string {
  const text = summary(error);
  if (/^(no such overload|found no matching overload)/.test(text)) return 'no such overload';
  return text.replace(/^No such key/, 'no such key');
}

export function ruleErrorString(rule: ValidationRule): string {
  return (rule.message ?? '').trim() !== '' ? (rule.message ?? '').trim() : rule.rule.trim();
}

export function ruleMessageOrDefault(rule: ValidationRule): string {
  const message = (rule.message ?? '').trim();
  return message !== '' ? message : `failed rule: ${ruleErrorString(rule)}`;
}

/** The message of a failed rule: messageExpression when it yields a usable string. */
export function failureMessage(rule: ValidationRule, context: Record<string, unknown>): string {
  if (rule.messageExpression === undefined) return ruleMessageOrDefault(rule);
  const compiled = compileRule(rule.messageExpression);
  if ('error' in compiled) return ruleMessageOrDefault(rule);
  try {
    const text: unknown = compiled.program(context);
    const trimmed = typeof text === 'string' ? text.trim() : '';
    return trimmed !== '' && !trimmed.includes('\n') ? trimmed : ruleMessageOrDefault(rule);
  } catch {
    return ruleMessageOrDefault(rule);
  }
}

/** The field error of a rule that evaluated to false, honoring `reason`. */
export function failureError(
  rule: ValidationRule,
  field: string,
  type: string,
  message: string,
): FieldError {
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return { field, type: 'Forbidden', message };
    case 'FieldValueRequired':
      return { field, type: 'Required', message };
    case 'FieldValueDuplicate':
      return { field, type: 'Duplicate', value: type, message: '' };
    default:
      return { field, type: 'Invalid', value: type, message };
  }
}
