import type { LinkConditions } from "./link-conditions.ts";

/**
 * Delivers callbacks after one direction's share of the artificial lag (lag/2 + uniform jitter), in the order they
 * were pushed. With no delay configured, callbacks run synchronously.
 *
 * One queue and one timer rather than a timer per callback: browsers round timer delays to whole milliseconds, so two
 * timers due a fraction of a millisecond apart could fire in the wrong order — and a reordered frame is a `stale_seq`
 * the server drops (an input batch lost, a correction).
 */
export class DelayLine {
  private readonly queue: { dueAt: number; deliver: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
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
    this.queue.push({ dueAt, deliver });
    if (this.timer === undefined) this.schedule();
  }

  /** Drops everything still in flight. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.lastDueAt = 0;
  }

  /** (Re)arms the one timer for the head of the queue. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.dueAt - this.now()));
  }

  private flush(): void {
    // Everything due (a timer may fire early or late by a millisecond), oldest first.
    const now = this.now();
    while (this.queue.length > 0 && this.queue[0]!.dueAt <= now + 1) this.queue.shift()!.deliver();
    this.schedule();
  }
}
