import type { ModelView } from './snapshot.js';

/**
 * Model fitness inside a tier (issue 14, point 6). A model with spec.taskLabels is a specialist:
 * it answers queries of those task kinds only (the caller's task label, else the learned
 * classifier's kind), and a query of its kind goes to it before the tier's unlabelled models. A
 * query of no known kind is no specialist's. ticket-classifier, tuned on support tickets, thus
 * never answers code questions, and gets every classification query its tier serves.
 */
export type Fit = 'specialist' | 'generalist' | 'unfit';

export function fitOf(model: ModelView, taskKind: string | undefined): Fit {
  if (model.taskLabels.size === 0) return 'generalist';
  return taskKind !== undefined && model.taskLabels.has(taskKind) ? 'specialist' : 'unfit';
}

/** Whether the model may answer a query of this kind (a specialist for it, or unlabelled). */
export function fitsTask(model: ModelView, taskKind: string | undefined): boolean {
  return fitOf(model, taskKind) !== 'unfit';
}

/** The decision's word on a specialist: "ticket-classifier: labelled classification". */
export function fitReason(model: ModelView, taskKind: string | undefined): string | undefined {
  return fitOf(model, taskKind) === 'specialist' && taskKind !== undefined
    ? `${model.name}: labelled ${taskKind}`
    : undefined;
}
