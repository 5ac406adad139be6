import {
  GPU_MEMORY_MIB,
  GPU_TYPE_LABEL,
  gpuMemoryMiB,
  gpuNodeSelector,
  gpuTolerations,
} from './gpu-catalog.js';

describe('gpu catalog', () => {
  it('knows every GPU type the CRD enumerates', () => {
    // The list in the CEL rule of spec.vllm.gpu in crds/sluice.dev_inferencemodels.yaml.
    const crdTypes = [
      'nvidia-t4',
      'nvidia-l4',
      'nvidia-a10g',
      'nvidia-l40s',
      'nvidia-a100-40gb',
      'nvidia-a100-80gb',
      'nvidia-h100-80gb',
      'nvidia-h200-141gb',
    ];
    expect(Object.keys(GPU_MEMORY_MIB).sort()).toEqual([...crdTypes].sort());
  });

  it.each([
    [{ type: 'nvidia-l4' }, 23034],
    [{ type: 'nvidia-l4', memoryGiB: 20 }, 20480],
    [{ type: 'acme-x1', memoryGiB: 16 }, 16384],
    [{ type: 'acme-x1' }, undefined],
  ])('memory of %j is %s MiB', (gpu, mib) => expect(gpuMemoryMiB(gpu)).toBe(mib));

  it('selects nodes by GPU type plus the spec labels', () => {
    const selector = gpuNodeSelector({ type: 'nvidia-l4', nodeSelector: { pool: 'gpu' } });
    expect(selector).toEqual({ [GPU_TYPE_LABEL]: 'nvidia-l4', pool: 'gpu' });
  });

  it('tolerates the nvidia.com/gpu taint once, plus the spec tolerations', () => {
    const tolerations = gpuTolerations({
      type: 'nvidia-l4',
      tolerations: [
        { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoExecute' },
      ],
    });
    expect(tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoExecute' },
    ]);
  });
});
