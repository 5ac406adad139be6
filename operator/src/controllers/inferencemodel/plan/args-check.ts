// spec.vllm.extraArgs checked against the pinned vLLM's flags (operator/src/conformance): vLLM
// would exit at start-up on an unknown flag or a bad value, so the model is blocked like one
// that cannot fit (Ready=False, the running Deployment left as it was) instead of rolling out
// pods that crash-loop. Only for the pinned image: another image may have other flags.
import { VLLM_0_10_1_1 } from '../../../conformance/vllm-0.10.1.1-flags.js';
import { parseVllmArgs } from '../../../conformance/vllm-argparse.js';
import { DEFAULT_IMAGE, type ResolvedVllm } from './resolved-spec.js';

type Problem = { reason: string; message: string };

/** The whole command line is parsed (extraArgs can clash with what precedes them). */
export function extraArgsProblem(vllm: ResolvedVllm, args: readonly string[]): Problem | undefined {
  if (vllm.image !== DEFAULT_IMAGE || !vllm.spec.extraArgs?.length) return undefined;
  const parsed = parseVllmArgs(args, VLLM_0_10_1_1);
  if (parsed.ok) return undefined;
  const message =
    `spec.vllm.extraArgs: ${parsed.error}. ${DEFAULT_IMAGE} would refuse to start with these ` +
    'arguments; fix or remove them (the flags of vLLM ' +
    `${VLLM_0_10_1_1.version}: https://docs.vllm.ai/en/v0.10.1/configuration/engine_args.html).`;
  return { reason: 'InvalidVllmArgs', message };
}
