import type { Featurizer, SparseVector } from '../features/featurizer.js';
import { TASK_KINDS } from '../kinds.js';
import type { Example } from './examples.js';

/** Feature vectors of many examples, compressed sparse rows, with each row's kind index. */
export interface Dataset {
  readonly rows: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly labels: Uint8Array;
}

export function buildDataset(examples: readonly Example[], featurizer: Featurizer): Dataset {
  const vectors = examples.map((example) => {
    const x = featurizer.extract(example.text);
    return { indices: x.indices.slice(), values: x.values.slice() };
  });
  const indptr = new Int32Array(examples.length + 1);
  vectors.forEach((v, i) => (indptr[i + 1] = (indptr[i] ?? 0) + v.indices.length));
  const total = indptr[examples.length] ?? 0;
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  vectors.forEach((v, i) => {
    indices.set(v.indices, indptr[i]);
    values.set(v.values, indptr[i]);
  });
  const labels = Uint8Array.from(examples, (e) => TASK_KINDS.indexOf(e.kind));
  return { rows: examples.length, indptr, indices, values, labels };
}

export function rowOf(data: Dataset, i: number): SparseVector {
  const start = data.indptr[i] ?? 0;
  const end = data.indptr[i + 1] ?? 0;
  return {
    indices: data.indices.subarray(start, end),
    values: data.values.subarray(start, end),
    length: end - start,
  };
}

/** Per class, the sum of its rows' vectors: feature-major, `classes` per feature. */
export function classSums(data: Dataset, dims: number, classes: number): Float64Array {
  const sums = new Float64Array(dims * classes);
  for (let i = 0; i < data.rows; i++) {
    const label = data.labels[i] ?? 0;
    const x = rowOf(data, i);
    for (let n = 0; n < x.length; n++) {
      const at = (x.indices[n] ?? 0) * classes + label;
      sums[at] = (sums[at] ?? 0) + (x.values[n] ?? 0);
    }
  }
  return sums;
}
