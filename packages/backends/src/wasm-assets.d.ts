// Vite's `?url` imports (browser tests and apps serve the wasm files themselves).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
