// Which quantization method runs on which GPU: the one source of truth for the InferenceModel
// planner (a model whose GPU cannot run its profile's method is blocked, like one that does not
// fit), the QuantizationProfile's Degraded condition and `sluice render`, which all read it here.
// vLLM refuses to start when the GPU's compute capability is below the method's minimum
// (QuantizationConfig.get_min_capability in vLLM), e.g. fp8 on a T4: a Deployment would crash-loop.
import type { QuantizationProfileSpec } from '@sluice/crds';
import { capabilityText, GPU_COMPUTE_CAPABILITY } from './gpu-catalog.js';

type Method = QuantizationProfileSpec['method'];

/** vLLM's minimum compute capability per method (x10). fp8 runs from 8.0 (Ampere, W8A16 Marlin). */
export const MIN_COMPUTE_CAPABILITY: Readonly<Record<Method, number>> = {
  awq: 75,
  gptq: 60,
  fp8: 80,
  bitsandbytes: 70,
  none: 0,
};

/**
 * AWQ at 8 bits exists only in vLLM's Marlin kernels (AWQConfig's own kernel is 4-bit only and
 * vLLM exits on 8), and Marlin needs Ampere: 8-bit AWQ on a T4 would crash-loop.
 */
const AWQ_8BIT_MIN_CAPABILITY = 80;

/** vLLM's minimum compute capability (x10) for a method at a weight width. */
export function minCapability(method: Method, weightBits?: number): number {
  if (method === 'awq' && weightBits === 8) return AWQ_8BIT_MIN_CAPABILITY;
  return MIN_COMPUTE_CAPABILITY[method];
}

/** A method the GPU type cannot run: what it needs and what the GPU has. */
export interface UnsupportedQuantization {
  readonly method: Method;
  /** Set when the width decides (8-bit AWQ). */
  readonly weightBits?: number;
  readonly gpuType: string;
  /** x10, as in the tables. */
  readonly needed: number;
  readonly capability: number;
}

/**
 * undefined when vLLM can run `method` (at `weightBits`) on `gpuType`, or when the GPU's
 * capability is unknown (a type Sluice does not list): vLLM's own start-up check decides then.
 */
export function unsupportedQuantization(
  method: Method,
  gpuType: string,
  weightBits?: number,
): UnsupportedQuantization | undefined {
  const capability = GPU_COMPUTE_CAPABILITY[gpuType];
  const needed = minCapability(method, weightBits);
  if (capability === undefined || capability >= needed) return undefined;
  const unsupported: UnsupportedQuantization = { method, gpuType, needed, capability };
  // Named only when the width decides, so the message says "8-bit awq".
  if (weightBits !== undefined && needed !== MIN_COMPUTE_CAPABILITY[method])
    return { ...unsupported, weightBits };
  return unsupported;
}

/** "vLLM's fp8 kernels need compute capability 8.0 or newer" */
export function neededText(u: UnsupportedQuantization): string {
  const kernels = u.weightBits === undefined ? u.method : `${u.weightBits}-bit ${u.method}`;
  return `vLLM's ${kernels} kernels need compute capability ${capabilityText(u.needed)} or newer`;
}

/** The methods a GPU type runs, for a message that says what to pick instead. */
export function methodsFor(gpuType: string): Method[] {
  const methods = Object.keys(MIN_COMPUTE_CAPABILITY) as Method[];
  return methods.filter((m) => m !== 'none' && !unsupportedQuantization(m, gpuType));
}
