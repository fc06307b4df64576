import type { LinkConditions } from "./link-conditions.ts";

/**
 * Delivers callbacks after one direction's share of the artificial lag (lag/2 + uniform jitter), in the order they
 * were pushed. With no delay configured, callbacks run synchronously.
 */
export class DelayLine {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private lastDueAt = 0;

  constructor(
    private readonly link: LinkConditions,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(deliver: () => void): void {
    if (this.link.lagMs <= 0 && this.link.jitterMs <= 0) {
      deliver();
      return;
    }
    const delay = this.link.lagMs / 2 + this.random() * this.link.jitterMs;
    // Never before the previous frame: the stream stays ordered, jitter becomes bunching.
    const dueAt = Math.max(this.now() + delay, this.lastDueAt);
    this.lastDueAt = dueAt;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      deliver();
    }, dueAt - this.now());
    this.timers.add(timer);
  }

  /** Drops everything still in flight. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.lastDueAt = 0;
  }
}
