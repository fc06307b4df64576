/**
 * Typed-array views over sim.wasm's exported memory, made once and re-made only if the memory's buffer changes. It
 * does not: the module keeps its state in static memory (memory.data, no allocator, no memory.grow; a test checks
 * that the buffer stays the same through a busy fight). Were it to grow, the old buffer would be detached and every
 * view over it would read nothing, hence the check on each use (one comparison).
 */
export class WasmMemoryViews<Views> {
  private buffer: ArrayBuffer | undefined;
  private views: Views | undefined;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly make: (buffer: ArrayBuffer) => Views,
  ) {}

  get(): Views {
    const { buffer } = this.memory;
    if (this.views === undefined || buffer !== this.buffer) {
      this.views = this.make(buffer);
      this.buffer = buffer;
    }
    return this.views;
  }
}

/** Typed-array views read the wasm's little-endian memory in the host's byte order: little-endian on every host we run. */
export function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error("sim-core's typed-array views need a little-endian host");
}
