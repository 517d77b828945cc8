import { describe, expect, it } from 'vitest';
import { median, timeSteps } from './timing.js';

describe('timing', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('runs the warm-up untimed, then times each step', async () => {
    let calls = 0;
    const timing = await timeSteps(() => void calls++, 2, 3);
    expect(calls).toBe(5);
    expect(timing.timesMs).toHaveLength(3);
  });
});
