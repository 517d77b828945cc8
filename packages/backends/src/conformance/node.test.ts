import { selectBackend } from '../select-backend.js';
import { describeBackend } from './describe-backend.js';

describeBackend('cpu', { activate: () => selectBackend('cpu') });
describeBackend('wasm', { activate: () => selectBackend('wasm') });
