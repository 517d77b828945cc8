/** Flags every command accepts. */
import type { FlagSpec } from './flags.js';

export const BACKEND_CHOICES = ['auto', 'node-gpu', 'node', 'node-webgpu', 'wasm', 'cpu'] as const;

export const globalFlags: readonly FlagSpec[] = [
  {
    name: 'backend',
    type: 'string',
    default: 'auto',
    choices: BACKEND_CHOICES,
    help: 'tensor backend; auto picks the fastest that loads (node-gpu > node > node-webgpu on a hardware GPU > wasm > cpu)',
  },
  { name: 'json', type: 'boolean', help: 'machine-readable output where a command supports it' },
  { name: 'help', type: 'boolean', short: 'h', help: 'show help' },
];
