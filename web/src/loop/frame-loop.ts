import type { FrameTimings } from "./frame-timings.ts";
import { runAsFrame } from "./outside-frame.ts";

/** Errors logged per second at most: a frame that throws every time must not flood the console at 60 Hz. */
const MAX_ERROR_LOGS_PER_SECOND = 1;
/**
 * rAF callbacks arrive on display refresh boundaries, a little early or late: a 30 fps cap on a 60 Hz display must
 * take every second callback even when it comes 33.0 ms after the last one.
 */
const CAP_SLACK_MS = 4;
/**
 * Marker put on the DevTools/trace timeline inside every frame that draws (console.timeStamp costs nothing when no
 * one is tracing), so scripts/frame-cost.ts can tell drawn frames from callbacks the fps cap skipped.
 */
export const DRAWN_FRAME_MARK = "edgehold.frame";

/**
 * The page's one requestAnimationFrame loop. Each frame runs inside its own try/catch (one bad frame is logged and
 * the next one runs as usual) and its JS time is recorded.
 */
export class FrameLoop {
  private handle: number | undefined;
  private lastFrameAt: number | undefined;
  private lastErrorLogAt = -Infinity;
  errors = 0;

  private readonly minIntervalMs: number;

  /** `maxFps`: draw at most this often (callbacks in between are skipped); undefined = every display refresh. */
  constructor(
    private readonly onFrame: (now: number, elapsedMs: number) => void,
    private readonly timings: FrameTimings,
    maxFps?: number,
  ) {
    this.minIntervalMs = maxFps ? 1000 / maxFps - CAP_SLACK_MS : 0;
  }

  start(): void {
    if (this.handle !== undefined) return;
    this.handle = requestAnimationFrame(this.frame);
  }

  stop(): void {
    if (this.handle !== undefined) cancelAnimationFrame(this.handle);
    this.handle = undefined;
    this.lastFrameAt = undefined;
  }

  private readonly frame = (now: number): void => {
    this.handle = requestAnimationFrame(this.frame);
    if (this.lastFrameAt !== undefined && now - this.lastFrameAt < this.minIntervalMs) return;
    const elapsed = this.lastFrameAt === undefined ? 0 : now - this.lastFrameAt;
    this.lastFrameAt = now;
    const started = performance.now();
    // Optional call: not every console has it (test runners replace console; older engines lack it).
    console.timeStamp?.(DRAWN_FRAME_MARK);
    try {
      runAsFrame(() => this.onFrame(now, elapsed));
    } catch (error) {
      this.errors++;
      if (started - this.lastErrorLogAt >= 1000 / MAX_ERROR_LOGS_PER_SECOND) {
        this.lastErrorLogAt = started;
        console.error("[frame] a frame failed; the loop continues:", error);
      }
    }
    this.timings.record(performance.now() - started, elapsed);
  };
}
