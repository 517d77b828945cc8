import { charLmDefaults } from '@recurrent/char-lm';
import { describe, expect, it } from 'vitest';
import { defaultsStudyBase, defaultsStudyConfigs } from './defaults-study-configs.js';

describe('the defaults study base', () => {
  it('pins every factor a run varies, so the study measures the same runs after the defaults move', () => {
    const factors = new Set(defaultsStudyConfigs.map((c) => c.factor).filter((f) => f !== 'none'));
    expect(new Set(Object.keys(defaultsStudyBase))).toEqual(factors);
    for (const config of defaultsStudyConfigs) {
      for (const [key, value] of Object.entries(config.overrides)) {
        expect(key in charLmDefaults, key).toBe(true);
        expect(value, `${config.name} changes ${key}`).not.toEqual(
          defaultsStudyBase[key as keyof typeof defaultsStudyBase],
        );
      }
    }
  });
});
