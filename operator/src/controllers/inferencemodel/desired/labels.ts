// Recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
// Selector labels are the stable subset: a Deployment's selector is immutable, so it never
// includes anything that could change with the spec.
export const MANAGED_BY = 'sluice-operator';
export const CONFIG_HASH_ANNOTATION = 'sluice.dev/config-hash';
export const FINETUNE_HASH_LABEL = 'sluice.dev/finetune-hash';
export const MODEL_LABEL = 'sluice.dev/inference-model';

export type Component = 'server' | 'finetune' | 'model-cache';

export function selectorLabels(
  model: string,
  component: Component = 'server',
): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'vllm',
    'app.kubernetes.io/instance': model,
    'app.kubernetes.io/component': component,
  };
}

export function objectLabels(
  model: string,
  component: Component = 'server',
): Record<string, string> {
  return {
    ...selectorLabels(model, component),
    'app.kubernetes.io/part-of': 'sluice',
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [MODEL_LABEL]: model,
  };
}
