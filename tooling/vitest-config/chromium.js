// Chromium launch settings that work on this project's machines (see TOOLCHAIN.md):
// Debian's chromium, no downloaded browser; --enable-unsafe-webgpu gives headless Chromium a
// software (SwiftShader) WebGPU adapter, so webgpu and webgl run for correctness, not speed.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--enable-unsafe-webgpu',
];
