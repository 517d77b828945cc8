import { nodeConfig } from '@recurrent/vitest-config';

export default nodeConfig();
