// Runs the measurements behind the README's numbers (minutes, not a test):
//   nice -n 15 npx vitest run --config vitest.measure.config.ts
// Options come from the environment: SEEDS=42,43,44 HP='{"steps":1500}' OUT=file.json
import { nodeConfig } from '@recurrent/vitest-config';

export default nodeConfig({
  include: ['measure/**/*.test.ts'],
  testTimeout: 3_600_000,
  reporters: ['default'],
});
