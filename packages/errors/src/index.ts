export { BackendError } from './backend-error.js';
export { CheckpointError } from './checkpoint-error.js';
export { ConfigError } from './config-error.js';
export { DataFormatError } from './data-format-error.js';
export { describeValue } from './describe-value.js';
export { RecurrentError } from './recurrent-error.js';
export { ShapeError } from './shape-error.js';
