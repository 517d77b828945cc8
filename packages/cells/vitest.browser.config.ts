import { browserConfig } from '@recurrent/vitest-config';

export default browserConfig();
