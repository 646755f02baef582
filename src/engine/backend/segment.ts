// unsortedSegmentSum: rows of `data` added into the output row named by their segment id — the
// gradient of embedding/gather/index_select. tfjs-wasm has no such kernel, and a JS loop is a single
// streaming pass, so this stays in JS (and keeps float64 exact).
import { checkInts, fail, isInt, type FloatArray, type IndexArray } from './util';

/** out[ids[i]·rowSize + j] += data[i·rowSize + j]; out has numSegments rows of rowSize, same storage type as data. */
export function unsortedSegmentSum<T extends FloatArray>(data: T, segmentIds: IndexArray, numSegments: number, rowSize: number): T {
  const K = 'unsortedSegmentSum';
  checkInts(K, 'numSegments and rowSize', [numSegments, rowSize], 2, 0);
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) fail(K, 'data must be a Float32Array or Float64Array');
  if (!(segmentIds instanceof Int32Array) && !(segmentIds instanceof Float64Array)) {
    fail(K, 'segmentIds must be an Int32Array or Float64Array');
  }
  if (data.length !== segmentIds.length * rowSize) {
    fail(K, `data has ${data.length} elements but ${segmentIds.length} segment ids of rows of ${rowSize} need ${segmentIds.length * rowSize}`);
  }
  const out = (data instanceof Float64Array ? new Float64Array(numSegments * rowSize) : new Float32Array(numSegments * rowSize)) as T;
  for (let i = 0; i < segmentIds.length; i++) {
    const id = segmentIds[i];
    // PyTorch's wording for an out-of-range embedding/gather index.
    if (!isInt(id, 0) || id >= numSegments) fail(K, `index out of range in self (segment id ${id} at position ${i}, ${numSegments} segments)`, 'IndexError');
    const src = i * rowSize;
    const dst = id * rowSize;
    if (rowSize === 1) {
      out[dst] += data[src];
    } else {
      for (let j = 0; j < rowSize; j++) out[dst + j] += data[src + j];
    }
  }
  return out;
}
