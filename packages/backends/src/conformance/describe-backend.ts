/**
import '@tensorflow/tfjs-core/dist/register_all_gradients';
 * The conformance suite every backend runs: `describeBackend('webgpu')` registers one Vitest
 * test per case, each comparing the backend with cpu within the case's stated tolerance.
 * A case a backend cannot run is skipped, and the skipped test's name says why.
 *
 * @example
 * // src/conformance/wasm.test.ts
 * describeBackend('wasm', { activate: () => selectBackend('wasm') });
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceCase } from './conformance-case.js';
import { runConformanceCase } from './run-conformance-case.js';
import { standardCases } from './standard-cases.js';

export interface DescribeBackendOptions {
  /** Loads and registers the backend (and cpu); called once before the cases. */
  readonly activate: () => Promise<unknown>;
  /** More cases, e.g. the fused LSTM from @recurrent/cells. */
  readonly extraCases?: readonly ConformanceCase[];
  /** Replace the standard cases entirely. Default: standardCases. */
  readonly cases?: readonly ConformanceCase[];
  /** The name tfjs knows the backend by, when it differs from `backend`. Default: `backend`. */
  readonly tfjsName?: string;
}

export function describeBackend(backend: string, options: DescribeBackendOptions): void {
  const cases = [...(options.cases ?? standardCases), ...(options.extraCases ?? [])];
  describe(`conformance: ${backend} vs cpu`, () => {
    beforeAll(async () => {
      await import('@tensorflow/tfjs-backend-cpu');
      await options.activate();
    });
    for (const testCase of cases) {
      const skipReason = testCase.skip?.[backend];
      if (skipReason) {
        // Skipped only where the case itself declares why (e.g. wasm has no UnsortedSegmentSum
        // kernel); the reason is part of the test's name so every report shows it.
        it.skip(`${testCase.name} (skipped on ${backend}: ${skipReason})`, () => {});
        continue;
      }
      it(testCase.name, async () => {
        const before = tf.memory().numTensors;
        const result = await runConformanceCase(backend, testCase, options.tfjsName);
        expect(
          result.firstViolation,
          `max |${backend} - cpu| = ${result.maxAbsDiff}`,
        ).toBeUndefined();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
