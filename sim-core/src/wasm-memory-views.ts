import type { Address } from "./wasm-exports.ts";

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

/** The typed arrays over a pool of moving slots (bodies, projectiles): flags and kinematics, one entry per slot. */
export interface KinematicArrays {
  readonly active: ArrayLike<number>;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly vx: ArrayLike<number>;
  readonly vy: ArrayLike<number>;
}

/** Views of `capacity` entries of a pool's arrays at these addresses: active flags (u8), x, y, vx, vy (f64). */
export function kinematicArrays(
  buffer: ArrayBuffer,
  capacity: number,
  at: Readonly<Record<keyof KinematicArrays, Address>>,
): KinematicArrays {
  return {
    active: new Uint8Array(buffer, at.active.value, capacity),
    x: new Float64Array(buffer, at.x.value, capacity),
    y: new Float64Array(buffer, at.y.value, capacity),
    vx: new Float64Array(buffer, at.vx.value, capacity),
    vy: new Float64Array(buffer, at.vy.value, capacity),
  };
}

/** Typed-array views read the wasm's little-endian memory in the host's byte order: little-endian on every host we run. */
export function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error("sim-core's typed-array views need a little-endian host");
}
