/**
 * The shape of one backend adapter: it knows where it can run, how to check cheaply
 * whether it can, and how to load and activate its tfjs backend. Adapters never throw
 * from `probe`; `activate` throws a `BackendError` whose message is the reason.
 */
export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu' | 'node-webgpu' | 'node' | 'node-gpu';

export type Runtime = 'node' | 'browser';

/** Loads a module by specifier; injectable so tests can simulate broken installs. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface AdapterContext {
  readonly runtime: Runtime;
  /**
   * What the caller asked `selectBackend` for. Under 'auto' a probe may stay cheap and quiet
   * (node-webgpu then looks for a hardware GPU only). Default: 'auto'.
   */
  readonly request?: BackendName | 'auto';
  readonly importModule: ModuleImporter;
  /**
   * Where the wasm backend finds its `.wasm` files: a URL or folder prefix ending in `/`,
   * or a map from file name to URL. Node resolves the installed package itself; in the
   * browser the app serves the files (e.g. with Vite's `?url` imports).
   */
  readonly wasmPaths?: string | Record<string, string>;
}

export type Availability =
  | {
      readonly available: true;
      readonly detail?: string;
      /**
       * Set when the backend runs here but `selectBackend('auto')` should pass it by, and why
       * (e.g. a software GPU adapter, slower than wasm). Asking for it by name still uses it.
       */
      readonly skipInAuto?: string;
    }
  | { readonly available: false; readonly reason: string };

export interface BackendAdapter {
  readonly name: BackendName;
  /** The name tfjs registers the backend under (`tensorflow` for tfjs-node). */
  readonly tfjsName: string;
  /** Higher is tried first by `selectBackend('auto')`; absent means never in that runtime. */
  readonly priority: Partial<Record<Runtime, number>>;
  /** A cheap check that loads nothing heavy. */
  probe(context: AdapterContext): Promise<Availability>;
  /** Imports, registers and switches tfjs to this backend; returns a detail line. */
  activate(context: AdapterContext): Promise<string | undefined>;
}
