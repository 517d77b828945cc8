import { nodeConfig } from '@recurrent/vitest-config';

// The two end-to-end files each run for a minute or more (training runs, npm installs):
// one file at a time, so they do not fight over the two cores of this project's machines.
export default nodeConfig({
  testTimeout: 300_000,
  hookTimeout: 300_000,
  fileParallelism: false,
});
