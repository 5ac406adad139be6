// CPU and memory of the vLLM container, and how its Deployment rolls. Without requests the pod
// is BestEffort: the first evicted under node pressure, though vLLM needs host RAM for its engine
// processes, the CPU swap space (--swap-space, 4 GiB per GPU by default) and, with tensor
// parallelism, /dev/shm (an in-memory emptyDir, charged to the container).
import type { V1DeploymentStrategy, V1ResourceRequirements } from '@kubernetes/client-node';
import type { ResolvedVllm } from '../plan/resolved-spec.js';

const CPU_BASE = 2;
const CPU_PER_GPU = 4;
const MEMORY_BASE_GIB = 16;
const MEMORY_PER_GPU_GIB = 8;

/**
 * Requests derived from the GPU count (1 GPU: 6 CPUs and 24Gi, like KubeAI's L4 profile; 8 GPUs:
 * 34 and 80Gi), overridden field by field by spec.vllm.resources. Memory limit = request, so the
 * node never overcommits the RAM vLLM pins; no CPU limit, since CFS throttling of the scheduler
 * loop stalls every GPU of the replica.
 */
export function vllmResources(vllm: ResolvedVllm): V1ResourceRequirements {
  const { requests = {}, limits = {} } = vllm.spec.resources ?? {};
  const cpu = requests.cpu ?? String(CPU_BASE + CPU_PER_GPU * vllm.gpuCount);
  const memory = requests.memory ?? `${MEMORY_BASE_GIB + MEMORY_PER_GPU_GIB * vllm.gpuCount}Gi`;
  // Extended resources: the request defaults to the limit and may not differ from it.
  const gpus = { [vllm.gpuResourceName]: String(vllm.gpuCount) };
  return {
    requests: { cpu, memory, ...gpus },
    limits: {
      ...gpus,
      memory: limits.memory ?? memory,
      ...(limits.cpu ? { cpu: limits.cpu } : {}),
    },
  };
}

/**
 * GPU-safe by default: maxSurge 0 / maxUnavailable 1 replaces a pod only after the old one freed
 * its GPUs, so a rollout never waits for a spare GPU the cluster may not have.
 */
export function rolloutStrategy(vllm: ResolvedVllm): V1DeploymentStrategy {
  const rollout = vllm.spec.rollout;
  return {
    type: 'RollingUpdate',
    rollingUpdate: {
      maxSurge: rollout?.maxSurge ?? 0,
      maxUnavailable: rollout?.maxUnavailable ?? 1,
    },
  };
}
