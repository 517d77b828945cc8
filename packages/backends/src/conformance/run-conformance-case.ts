/** Runs one conformance case on a backend and on cpu, and measures how far apart they are. */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase, Tolerance } from './conformance-case.js';

export interface CaseComparison {
  /** The largest |backend - cpu| over every output element. */
  readonly maxAbsDiff: number;
  /** The first element (output index, flat index) outside the tolerance, if any. */
  readonly firstViolation?: { output: number; index: number; actual: number; expected: number };
  readonly tolerance: Tolerance;
}

async function runOn(backend: string, testCase: ConformanceCase): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  const outputs = tf.tidy(() => {
    const out = testCase.run(tf);
    return Array.isArray(out) ? out : [out];
  });
  const values = await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(outputs);
  return values;
}

const GPU_BACKENDS = new Set(['webgl', 'webgpu', 'node-webgpu']);

/**
 * `backend` names the adapter (it picks the tolerance and the case's skip entry); `tfjsName` is
 * the name tfjs registered it under, when they differ (node-webgpu runs tfjs' 'webgpu').
 */
export async function runConformanceCase(
  backend: string,
  testCase: ConformanceCase,
  tfjsName: string = backend,
): Promise<CaseComparison> {
  const tolerance = GPU_BACKENDS.has(backend) ? testCase.tolerance.gpu : testCase.tolerance.cpu;
  const reference = await runOn('cpu', testCase);
  const actual = await runOn(tfjsName, testCase);
  let maxAbsDiff = 0;
  let firstViolation: CaseComparison['firstViolation'];
  if (reference.length !== actual.length)
    throw new Error(
      `${testCase.name}: cpu gave ${reference.length} outputs, ${backend} gave ${actual.length}`,
    );
  reference.forEach((expectedValues, output) => {
    const actualValues = actual[output]!;
    if (expectedValues.length !== actualValues.length)
      throw new Error(
        `${testCase.name}: output ${output} has ${actualValues.length} values on ${backend}, ${expectedValues.length} on cpu`,
      );
    expectedValues.forEach((expected, index) => {
      const value = actualValues[index]!;
      const diff = Math.abs(value - expected);
      if (!(diff <= maxAbsDiff))
        maxAbsDiff = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(maxAbsDiff, diff);
      if (!firstViolation && !(diff <= tolerance.atol + tolerance.rtol * Math.abs(expected))) {
        firstViolation = { output, index, actual: value, expected };
      }
    });
  });
  return { maxAbsDiff, tolerance, ...(firstViolation ? { firstViolation } : {}) };
}
