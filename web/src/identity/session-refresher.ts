import { tokenExpiresAt } from "./session-token.ts";

/**
 * Send a fresh token this long before the held one expires. Clerk's session tokens live 60 s, so this refreshes
 * every ~40 s, and leaves 20 s (plus the server's grace after expiry) for a retry or a slow Clerk round trip.
 */
export const REFRESH_LEAD_MS = 20_000;
/** After a failure (no newer token yet, a rejection, no ack): try again this soon. */
export const REFRESH_RETRY_MS = 5_000;
/** Never sooner than this after the previous attempt, whatever the token says (a token already near expiry). */
const MIN_DELAY_MS = 1_000;

export interface SessionRefresherOptions {
  /** A session token; `skipCache` asks Clerk for a newly minted one rather than its cached one. */
  getToken(options?: { skipCache?: boolean }): Promise<string | null>;
  /** Sends `session.refresh { token }` on the open socket; its envelope seq, or undefined when no socket is open. */
  send(token: string): number | undefined;
  /** Wall clock (ms since the epoch), as token expiries are; Date.now by default. */
  now?: () => number;
}

/**
 * Keeps an open room socket's session alive (Clerk mode): the server closes a socket 4001 once the token it holds
 * has expired, so before that this sends a newer token with `session.refresh`, and schedules the next refresh from
 * the token the server acknowledged. A new socket (reconnect) restarts it with the token that socket was opened with.
 */
export class SessionRefresher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Expiry of the token the server holds. */
  private heldExpiresAt: number | undefined;
  private pending: { seq: number; expiresAt: number } | undefined;
  /** Bumped by hold/stop, so an answer from getToken for an older socket is ignored. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: SessionRefresherOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** A socket was welcomed holding `token` (undefined: no token, e.g. dev mode — nothing to refresh). */
  hold(token: string | undefined): void {
    this.stop();
    const expiresAt = token === undefined ? undefined : tokenExpiresAt(token);
    if (expiresAt === undefined) return;
    this.heldExpiresAt = expiresAt;
    this.scheduleBefore(expiresAt);
  }

  /** The server acked envelope `seq`: if it was our refresh, the server now holds that token. */
  acked(seq: number): void {
    if (this.pending?.seq !== seq) return;
    this.heldExpiresAt = this.pending.expiresAt;
    this.pending = undefined;
    this.scheduleBefore(this.heldExpiresAt);
  }

  /** The server answered `refresh_rejected` to envelope `seq`: try again shortly (the held session is unchanged). */
  rejected(seq: number): void {
    if (this.pending?.seq !== seq) return;
    this.pending = undefined;
    this.schedule(REFRESH_RETRY_MS);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.heldExpiresAt = undefined;
  }

  private scheduleBefore(expiresAt: number): void {
    this.schedule(expiresAt - REFRESH_LEAD_MS - this.now());
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), Math.max(MIN_DELAY_MS, delayMs));
  }

  private async refresh(): Promise<void> {
    const generation = this.generation;
    const held = this.heldExpiresAt ?? -Infinity;
    let token = await this.newerToken(held, false);
    // Clerk's cached token may still be the one the server holds: ask for a newly minted one.
    token ??= await this.newerToken(held, true);
    if (generation !== this.generation) return;
    // Whatever happens next, try again if no ack moves the schedule on.
    this.schedule(REFRESH_RETRY_MS);
    if (!token) return;
    const seq = this.options.send(token.token);
    // No socket open: the reconnect's welcome calls hold() with the token it connected with.
    if (seq !== undefined) this.pending = { seq, expiresAt: token.expiresAt };
  }

  private async newerToken(than: number, skipCache: boolean): Promise<{ token: string; expiresAt: number } | undefined> {
    let token: string | null;
    try {
      token = await this.options.getToken(skipCache ? { skipCache: true } : undefined);
    } catch (error) {
      console.warn("[session] could not get a fresh session token:", error);
      return undefined;
    }
    const expiresAt = token ? tokenExpiresAt(token) : undefined;
    return token && expiresAt !== undefined && expiresAt > than ? { token, expiresAt } : undefined;
  }
}
