import { logEvent } from "../ops/log.ts";

/** A tick over this is slow: a third of the 33 ms step budget gone to one room's work (ARCHITECTURE.md "Operations"). */
export const SLOW_TICK_MS = 10;
/**
 * At most one `tick.slow` line per room per this long, counting the slow ticks between: a room that is slow every
 * tick would otherwise write 30 lines a second, and the count says as much as the lines would.
 */
const LOG_EVERY_MS = 10_000;

/** Logs slow ticks of one room (`tick.slow`: the slowest since the last line, and how many there were). */
export class SlowTicks {
  private count = 0;
  private worstMs = 0;
  private lastLoggedAt = -Infinity;

  constructor(private readonly room: () => string | undefined) {}

  record(ms: number, now: number): void {
    if (ms <= SLOW_TICK_MS) return;
    this.count++;
    this.worstMs = Math.max(this.worstMs, ms);
    if (now - this.lastLoggedAt < LOG_EVERY_MS) return;
    logEvent("warn", "tick.slow", { room: this.room(), ms: Math.round(this.worstMs * 10) / 10, slowTicks: this.count, thresholdMs: SLOW_TICK_MS });
    this.lastLoggedAt = now;
    this.count = 0;
    this.worstMs = 0;
  }
}
