import type { UserConfig } from 'vitest/config';
export function nodeConfig(overrides?: UserConfig['test']): UserConfig;
export function browserConfig(overrides?: UserConfig['test']): UserConfig;
