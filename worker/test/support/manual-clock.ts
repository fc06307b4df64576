import type { Clock } from "../../src/room/clock.ts";

interface Timer {
  at: number;
  callback: () => void;
}

/**
 * A room clock that moves only when a test moves it (see clocked-room.ts): `advance(ms)` runs, in order and each at
 * its due time, the timers that fall due within those `ms` — for a room, its loop's steps, snapshots, checkpoints
 * and idle sweeps.
 *
 * Why not vitest's fake timers: `vi.useFakeTimers()` replaces the timers and `Date` of the whole isolate, which here
 * holds every room of the test file, the test's own clients and their deadlines, and the pool's own setTimeout.
 * One room's time must move while everything else, the sockets' I/O included, stays real.
 */
export class ManualClock implements Clock {
  private time: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, Timer>();

  /** Starts at the real time, so what the room stores (sessions, tokens, mutes) reads like any room's. */
  constructor(start = Date.now()) {
    this.time = start;
  }

  /** Whole milliseconds, as `Date.now()` reads (time itself moves by any amount: `advance(STEP_MS)` adds 33.3…). */
  now(): number {
    return Math.floor(this.time);
  }

  /**
   * Due `delayMs` from now, but at least 1 ms on, as Node's timers: a timer re-armed for a sliver of a millisecond
   * (the loop's next step due in 1e-14 ms) must still let time move.
   */
  setTimeout(callback: () => void, delayMs: number): number {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(1, delayMs), callback });
    return handle;
  }

  clearTimeout(handle: number): void {
    this.timers.delete(handle);
  }

  /** Timers set and not yet run or cleared: 0 means nothing of the room is scheduled. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time `ms` forward and runs nothing: the room's isolate was busy all that while, so its timers are late
   * (the next `advance` runs them, late, as a real wake would).
   */
  stall(ms: number): void {
    this.time += ms;
  }

  /** Moves time `ms` forward, running every timer due by then (also those the callbacks set) at its due time. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (let due = this.nextDue(until); due !== undefined; due = this.nextDue(until)) {
      const [handle, timer] = due;
      this.timers.delete(handle);
      this.time = Math.max(this.time, timer.at);
      timer.callback();
    }
    this.time = until;
  }

  /** The earliest timer due at or before `until` (the first set, among timers due at once). */
  private nextDue(until: number): [number, Timer] | undefined {
    let next: [number, Timer] | undefined;
    for (const entry of this.timers) if (entry[1].at <= until && (next === undefined || entry[1].at < next[1].at)) next = entry;
    return next;
  }
}
