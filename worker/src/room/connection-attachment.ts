import type { Codec } from "@edgehold/protocol";

/** The Clerk session a connection holds (on its attachment, so it survives hibernation). Dev mode: none. */
export interface HeldSession {
  sessionId: string;
  /** When the held session token expires, ms since the epoch; moved on by each accepted `session.refresh`. */
  expiresAt: number;
}

/** What survives hibernation on the socket itself (serializeAttachment): who this connection is. */
export interface ConnectionAttachment {
  connectionId: string;
  roomCode: string;
  playerId: string;
  entityId: number;
  characterId: string;
  codec: Codec;
  connectedAt: number;
  /** The Clerk session behind this socket and when its token expires; absent in dev mode. */
  session?: HeldSession;
}
