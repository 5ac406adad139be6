import { hnswParams, SEMANTIC_HNSW, USEARCH_DEFAULT_HNSW } from './hnsw-params.js';

describe('hnswParams', () => {
  it('defaults to the measured parameters and takes overrides', () => {
    expect(hnswParams()).toEqual(SEMANTIC_HNSW);
    expect(hnswParams({ expansionSearch: 256 })).toEqual({
      ...SEMANTIC_HNSW,
      expansionSearch: 256,
    });
    expect(hnswParams({}, USEARCH_DEFAULT_HNSW)).toEqual(USEARCH_DEFAULT_HNSW);
  });

  it.each([
    [{ connectivity: 0 }, /hnsw.connectivity must be an integer from 2 to 4096, got 0/],
    [{ expansionAdd: 1.5 }, /hnsw.expansionAdd .* got 1.5/],
    [{ expansionSearch: 10_000 }, /hnsw.expansionSearch .* got 10000/],
    [{ quantization: 'b1' as 'i8' }, /hnsw.quantization must be one of f32, f16, i8, got b1/],
  ])('refuses %j, naming the field', (overrides, message) => {
    expect(() => hnswParams(overrides)).toThrow(message);
  });
});
