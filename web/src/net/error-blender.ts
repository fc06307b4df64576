import { CORRECTION_BLEND_TAU_MS, CORRECTION_SNAP_METRES } from "./net-config.ts";

/**
 * The visual side of a correction: the drawn position keeps the old prediction's error as an offset that decays
 * exponentially (time constant ~33 ms, so it is gone within ~100 ms) instead of snapping. Large errors snap.
 */
export class ErrorBlender {
  x = 0;
  y = 0;

  add(errorX: number, errorY: number): void {
    const x = this.x + errorX;
    const y = this.y + errorY;
    if (Math.hypot(x, y) > CORRECTION_SNAP_METRES) {
      this.x = 0;
      this.y = 0;
      return;
    }
    this.x = x;
    this.y = y;
  }

  /** Decays the offset by `elapsedMs` of time. */
  decay(elapsedMs: number): void {
    if (this.x === 0 && this.y === 0) return;
    const keep = Math.exp(-Math.max(0, elapsedMs) / CORRECTION_BLEND_TAU_MS);
    this.x *= keep;
    this.y *= keep;
    // Below a tenth of a millimetre the offset is invisible: stop computing it.
    if (Math.abs(this.x) < 1e-4 && Math.abs(this.y) < 1e-4) this.x = this.y = 0;
  }

  reset(): void {
    this.x = 0;
    this.y = 0;
  }
}
