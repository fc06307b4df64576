import { eventMessage, sessionFeature } from "@edgehold/protocol";
import type { PlayerConnection as Connection } from "../room-context.ts";
import type { ResumeTokenStore } from "../../storage/resume-tokens.ts";

/**
 * Keeps a long session resumable: a resume token lives for the store's TTL (10 min), so once half of it has passed
 * the connection is handed a fresh one (`session.resume_token`). Half leaves the other half as margin: a socket
 * that drops just before a handout still holds a token valid for minutes, and the handout itself is one row per
 * player per 5 minutes. Checked at most once a second from the room loop.
 */
export class ResumeTokenRotation {
  /** When each connection was last handed a token; a connection restored from hibernation is not here: due now. */
  private readonly handedOutAt = new WeakMap<Connection, number>();
  private lastCheckAt = -Infinity;

  constructor(private readonly store: ResumeTokenStore) {}

  /** The welcome handed this connection a token. */
  handedOut(connection: Connection, now: number): void {
    this.handedOutAt.set(connection, now);
  }

  /** Hands a fresh token to every connection whose current one is past half its TTL. */
  run(connections: Iterable<Connection>, now: number, onError: (error: unknown) => void): void {
    if (now - this.lastCheckAt < 1000) return;
    this.lastCheckAt = now;
    for (const connection of connections) {
      if (now - (this.handedOutAt.get(connection) ?? -Infinity) < this.store.ttlMs / 2) continue;
      // Marked before the await, so the next check does not mint a second one.
      this.handedOutAt.set(connection, now);
      this.handOut(connection, now).catch(onError);
    }
  }

  private async handOut(connection: Connection, now: number): Promise<void> {
    const minted = await this.store.mint();
    const { roomCode, playerId } = connection.attachment;
    this.store.rotate(minted, roomCode, playerId, now);
    connection.send(eventMessage(sessionFeature, "resume_token", { resumeToken: minted.token, resumeTokenTtl: this.store.ttlMs / 1000 }));
  }
}
