// Evaluates the rules of one schema node, worded as apiextensions-apiserver's
// cel.Validator.validateExpressions: self is the node's value typed by its schema, oldSelf the
// correlated old value (absent on create, so transition rules are skipped, unless the rule sets
// optionalOldSelf); failures are reported at the node or at its rule's fieldPath.
import { Optional } from '@marcbachmann/cel-js';
import { normalizeFieldPath } from './cel-field-path.js';
import {
  compileRule,
  failureError,
  failureMessage,
  ruleErrorString,
  runtimeErrorText,
} from './cel-rules.js';
import { toCelValue } from './cel-values.js';
import { childPath } from './paths.js';
import { deepEqual } from './ratcheting.js';
import type { FieldError, StructuralSchema, ValidationRule } from './types.js';

export interface CelNode {
  schema: StructuralSchema;
  value: unknown;
  /** The correlated old value; undefined when there is none. */
  old: unknown;
  path: string;
}

export function evaluateRules(node: CelNode): FieldError[] {
  const rules = node.schema['x-kubernetes-validations'] ?? [];
  if (rules.length === 0) return [];
  const context: Record<string, unknown> = { self: toCelValue(node.value, node.schema) };
  if (node.old !== undefined && node.old !== null)
    context.oldSelf = toCelValue(node.old, node.schema);
  return rules.flatMap((rule) => evaluateRule(node, rule, context));
}

function evaluateRule(
  node: CelNode,
  rule: ValidationRule,
  context: Record<string, unknown>,
): FieldError[] {
  const type = node.schema.type ?? '';
  const compiled = compileRule(rule.rule, rule.optionalOldSelf === true);
  if ('error' in compiled) {
    const message = `rule compile error: ${compiled.error}`;
    return [{ field: node.path, type: 'Invalid', value: type, message }];
  }
  const activation = ruleActivation(rule, context);
  if (compiled.usesOldSelf && !('oldSelf' in activation)) return [];
  let result: unknown;
  try {
    result = compiled.program(activation);
  } catch (error) {
    return [runtimeError(node, rule, error)];
  }
  if (result === true) return [];
  // Ratcheting: a failing rule that does not use oldSelf is forgiven on an unchanged node.
  if (!compiled.usesOldSelf && node.old !== undefined && deepEqual(node.old, node.value)) return [];
  return [failureError(rule, failurePath(node, rule), type, failureMessage(rule, context))];
}

// With optionalOldSelf a transition rule also runs on create, oldSelf being an optional.
function ruleActivation(rule: ValidationRule, context: Record<string, unknown>) {
  if (rule.optionalOldSelf !== true) return context;
  const oldSelf = 'oldSelf' in context ? Optional.of(context.oldSelf) : Optional.none();
  return { ...context, oldSelf };
}

function runtimeError(node: CelNode, rule: ValidationRule, error: unknown): FieldError {
  const text = runtimeErrorText(error);
  const message =
    text === 'no such overload'
      ? `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
      : `${text} evaluating rule: ${ruleErrorString(rule)}`;
  return { field: node.path, type: 'Invalid', value: node.schema.type ?? '', message };
}

function failurePath(node: CelNode, rule: ValidationRule): string {
  if (rule.fieldPath === undefined || rule.fieldPath === '') return node.path;
  const relative =
    normalizeFieldPath(rule.fieldPath, node.schema) ?? rule.fieldPath.replace(/^\./, '');
  return childPath(node.path, relative);
}
