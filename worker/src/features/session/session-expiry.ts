import type { PlayerConnection as Connection } from "../room-context.ts";

/**
 * How long after the held token's expiry a socket may stay open without a valid `session.refresh`. The page refreshes
 * ~20 s before expiry and retries every 5 s, so a healthy tab never comes near it; the margin is for a tab in the
 * background, whose timers Chrome's intensive throttling may run only once a minute: 60 s after expiry still
 * catches that tab's next wake-up, while a signed-out or revoked session loses its socket within about a minute.
 */
export const SESSION_REFRESH_GRACE_MS = 60_000;

/** Checking once a second is exact enough for a deadline a minute long, and costs nothing per tick. */
const CHECK_EVERY_MS = 1000;

/** The grace from a `SESSION_REFRESH_GRACE_MS` binding (tests use ~1 s), else one minute. */
export function sessionRefreshGraceMs(env: Env): number {
  const raw = (env as Env & { SESSION_REFRESH_GRACE_MS?: string }).SESSION_REFRESH_GRACE_MS?.trim();
  const configured = raw ? Number(raw) : NaN;
  return Number.isFinite(configured) && configured >= 0 ? configured : SESSION_REFRESH_GRACE_MS;
}

/** Finds connections whose session token expired more than the grace ago, at most once a second. */
export class SessionExpiryWatch {
  private lastCheckAt = -Infinity;

  constructor(readonly graceMs: number) {}

  /** The connections to close with 4001 now (empty between checks). */
  overdue(connections: Iterable<Connection>, now: number): Connection[] {
    if (now - this.lastCheckAt < CHECK_EVERY_MS) return [];
    this.lastCheckAt = now;
    const overdue: Connection[] = [];
    for (const connection of connections) {
      const session = connection.attachment.session;
      if (session && now > session.expiresAt + this.graceMs) overdue.push(connection);
    }
    return overdue;
  }
}

/** The close reason of a connection whose session ran out (close reasons are limited to 123 bytes). */
export const SESSION_EXPIRED_REASON = "session expired: no valid session.refresh arrived in time";
