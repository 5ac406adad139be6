// The pure planner of the InferenceModel reconciler (observe -> PLAN -> apply -> status): from the
// model, its QuantizationProfile and what the cache holds, the child objects to apply, the
// children to delete, and the status to write. No I/O and no clock: `now` comes in.
//
// Contract with the applier: `objects` are applied (server-side apply, owned by the model);
// children absent from `objects` are NOT deleted, except those listed in `obsolete`. So a blocked
// model (InsufficientGPUMemory, unknown profile) leaves a running Deployment exactly as it was.
import type { Plan, PlanInput } from './plan-types.js';
import { planExternal } from './plan-external.js';
import { planVllm } from './plan-vllm.js';

export type { Capabilities, KubeObject, ObjectRef, Plan, PlanInput } from './plan-types.js';

export function planInferenceModel(input: PlanInput): Plan {
  return input.model.spec?.provider === 'external' ? planExternal(input) : planVllm(input);
}
