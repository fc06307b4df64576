import type { Connection } from "./connection.ts";
import { TICK_RATE } from "./room-config.ts";

/**
 * A connection that sends nothing (no input, no ping) for this long is closed with 4009. An open page pings once a
 * second, so only a dead client (or a tab whose timers stopped) goes a full minute silent; until then it costs the
 * room a seat, snapshot bandwidth and a place in the player count.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** The room loop looks for idle connections once a second: the timeout is in seconds, finer checks buy nothing. */
export const IDLE_CHECK_EVERY_STEPS = TICK_RATE;

/** `IDLE_TIMEOUT_MS` (a var or secret) overrides the default, e.g. for tests; a value that is not a positive number is ignored. */
export interface IdleTimeoutEnv {
  IDLE_TIMEOUT_MS?: string;
}

export function idleTimeoutMs(env: Env): number {
  const configured = Number((env as Env & IdleTimeoutEnv).IDLE_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_IDLE_TIMEOUT_MS;
}

/** The connections that have been silent for at least `timeoutMs`. */
export function idleConnections(connections: Iterable<Connection>, now: number, timeoutMs: number): Connection[] {
  return [...connections].filter((connection) => now - connection.lastHeardAt >= timeoutMs);
}

export function idleCloseReason(timeoutMs: number): string {
  return `idle: nothing received (no input, no ping) for ${Math.round(timeoutMs / 100) / 10} s`;
}
