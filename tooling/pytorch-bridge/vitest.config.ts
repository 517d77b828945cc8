import { nodeConfig } from '@recurrent/vitest-config';

// Each file starts Python with torch (a second or two) and the torchrun file trains on two
// processes: one file at a time, so they do not fight over the two cores of CI machines.
export default nodeConfig({
  testTimeout: 400_000,
  hookTimeout: 400_000,
  fileParallelism: false,
});
