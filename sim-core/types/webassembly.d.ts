/**
 * The slice of the WebAssembly JS API that sim-core uses, for sim-core's own type check only.
 *
 * sim-core's tsconfig has neither DOM nor Workers types (shared code must not lean on either), and @types/node does
 * not declare `WebAssembly`. Hosts that compile sim-core's sources (worker: workers-types, web: DOM lib) use their
 * own full declarations instead; this file is never imported, so it cannot clash with them. Keep to members that
 * exist in both of those declarations.
 */
declare namespace WebAssembly {
  type Exports = Record<string, unknown>;
  type Imports = Record<string, Record<string, unknown>>;

  interface ModuleImportDescriptor {
    kind: string;
    module: string;
    name: string;
  }

  interface ModuleExportDescriptor {
    kind: string;
    name: string;
  }

  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
    static imports(module: Module): ModuleImportDescriptor[];
    static exports(module: Module): ModuleExportDescriptor[];
  }

  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }

  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }

  class Global {
    value: unknown;
  }

  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
