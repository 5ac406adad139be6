import {
  GPU_MEMORY_MIB,
  GPU_TYPE_LABEL,
  gpuMemoryMiB,
  gpuPlacement,
  GPU_PRODUCTS,
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

  const productTerm = (gpu: Parameters<typeof gpuPlacement>[0]) =>
    gpuPlacement(gpu).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;

  it('selects nodes by GPU Feature Discovery product, every form factor, by default', () => {
    expect(productTerm({ type: 'nvidia-a100-80gb' })).toEqual([
      {
        matchExpressions: [
          {
            key: 'nvidia.com/gpu.product',
            operator: 'In',
            values: ['NVIDIA-A100-SXM4-80GB', 'NVIDIA-A100-80GB-PCIe'],
          },
        ],
      },
    ]);
    expect(gpuPlacement({ type: 'nvidia-l4' }).nodeSelector).toBeUndefined();
  });

  it('has a product for every known GPU type', () => {
    for (const type of Object.keys(GPU_MEMORY_MIB))
      expect(GPU_PRODUCTS[type]?.length).toBeGreaterThan(0);
  });

  it('adds the spec labels; an unknown type gets no product rule', () => {
    const placement = gpuPlacement({
      type: 'acme-x1',
      memoryGiB: 16,
      nodeSelector: { pool: 'gpu' },
    });
    expect(placement).toEqual({ nodeSelector: { pool: 'gpu' } });
  });

  it('selects by the sluice.dev/gpu-type label, or by nothing, when asked', () => {
    const byLabel = gpuPlacement({
      type: 'nvidia-l4',
      selectNodesBy: 'typeLabel',
      nodeSelector: { pool: 'gpu' },
    });
    expect(byLabel).toEqual({ nodeSelector: { [GPU_TYPE_LABEL]: 'nvidia-l4', pool: 'gpu' } });
    expect(gpuPlacement({ type: 'nvidia-l4', selectNodesBy: 'none' })).toEqual({});
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
