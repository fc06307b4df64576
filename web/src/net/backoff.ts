import { RECONNECT_BASE_MS, RECONNECT_JITTER, RECONNECT_MAX_MS } from "./net-config.ts";

/** Exponential reconnect delays with jitter: 250 ms, 500 ms, 1 s, … capped at 5 s. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** The delay before the next attempt; each call backs off further. */
  next(): number {
    const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 16);
    return Math.round(base * (1 + RECONNECT_JITTER * (2 * this.random() - 1)));
  }

  get attempts(): number {
    return this.attempt;
  }

  /** A session was established: the next drop retries fast again. */
  reset(): void {
    this.attempt = 0;
  }
}
