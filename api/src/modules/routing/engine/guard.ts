import type { Complexity } from './classifier.js';
import type { ModelView, TaskClass } from './snapshot.js';

/**
 * The quantization guard (SPEC section 2, QuantizationProfile): the seed's 4-bit models keep
 * 90-95% on extraction and classification but less on multi-step reasoning, so complex and
 * reasoning traffic avoids models whose profile keeps less than a threshold for the task class,
 * unless the route sets allowQuantizedForReasoning.
 */
export interface QualityNeed {
  readonly taskClass: TaskClass;
  /** Whole percent of full-precision quality the model must keep. */
  readonly minRetention: number;
}

/** Task labels callers send, mapped to QuantizationProfile.spec.qualityRetention classes. */
const CLASS_BY_LABEL: ReadonlyMap<string, TaskClass> = new Map<string, TaskClass>([
  ['classification', 'classification'],
  ['intent-detection', 'classification'],
  ['extraction', 'extraction'],
  ['formatting', 'formatting'],
  ['structured-output', 'formatting'],
  ['summarization', 'summarization'],
  ['short-answer', 'shortAnswer'],
  ['generation', 'generation'],
  ['reasoning', 'reasoning'],
  ['analysis', 'reasoning'],
  ['coding', 'coding'],
  ['code', 'coding'],
]);

/** The seed's figures: 4-bit keeps 80-95%; below 90 the reasoning gap shows (10-20%). */
export const DEFAULT_MIN_RETENTION = 90;

export function taskClassOf(taskLabel: string | undefined): TaskClass | undefined {
  return taskLabel === undefined ? undefined : CLASS_BY_LABEL.get(taskLabel);
}

/** What the query needs from a model's quantization; undefined when anything will do. */
export function qualityNeed(
  taskLabel: string | undefined,
  complexity: Complexity,
  allowQuantized: boolean,
  minRetention: number,
): QualityNeed | undefined {
  if (allowQuantized) return undefined;
  const taskClass = taskClassOf(taskLabel);
  if (complexity === 'complex') return { taskClass: taskClass ?? 'reasoning', minRetention };
  return taskClass === 'reasoning' ? { taskClass, minRetention } : undefined;
}

/**
 * A model without a profile is full precision. A profile silent on the class is judged by its
 * reasoning figure (the class the guard exists for), and passes when silent on both.
 */
export function meetsQuality(model: ModelView, need: QualityNeed | undefined): boolean {
  if (need === undefined || model.retention === undefined) return true;
  const kept = model.retention[need.taskClass] ?? model.retention.reasoning;
  return kept === undefined || kept >= need.minRetention;
}
