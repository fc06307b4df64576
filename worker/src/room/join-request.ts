import { isValidPlayerId, normaliseRoomCode, type Codec } from "@edgehold/protocol";

/**
 * The worker → room hand-off for a WebSocket join. The worker builds this request itself after routing and
 * authentication, so none of these headers can come from a client: it never forwards client headers.
 */
export interface JoinRequest {
  roomCode: string;
  /** Verified (or, in dev mode, client-asserted) player id; undefined = let the room generate one. */
  playerId: string | undefined;
  name: string | undefined;
  /** As presented by the client, any characters at all: the room validates it (a bad one gets `resume_rejected`). */
  resumeToken: string | undefined;
  codec: Codec;
  /** A matchmade seat (`?seat=`), as presented: the room checks it (seating.ts). */
  seat?: string | undefined;
  /** The verified Clerk session behind this join; undefined in dev mode (no expiry). */
  session: JoinSession | undefined;
}

export interface JoinSession {
  sessionId: string;
  /** When the session token expires, ms since the epoch. */
  expiresAt: number;
}

const HEADER = {
  roomCode: "x-edgehold-room",
  playerId: "x-edgehold-player",
  name: "x-edgehold-name",
  resumeToken: "x-edgehold-resume-token",
  codec: "x-edgehold-codec",
  seat: "x-edgehold-seat",
  sessionId: "x-edgehold-session-id",
  sessionExpiresAt: "x-edgehold-session-expires-at",
} as const;

export function toRoomRequest(join: JoinRequest): Request {
  const headers = new Headers({ Upgrade: "websocket", [HEADER.roomCode]: join.roomCode, [HEADER.codec]: join.codec });
  if (join.playerId) headers.set(HEADER.playerId, join.playerId);
  if (join.name) headers.set(HEADER.name, headerSafe(join.name));
  // Percent-encoded: a client's token may hold CR, LF or NUL, which a header cannot carry (Headers.set throws).
  if (join.resumeToken) headers.set(HEADER.resumeToken, headerSafe(join.resumeToken));
  if (join.seat) headers.set(HEADER.seat, headerSafe(join.seat));
  if (join.session) {
    headers.set(HEADER.sessionId, headerSafe(join.session.sessionId));
    headers.set(HEADER.sessionExpiresAt, String(join.session.expiresAt));
  }
  return new Request(`https://room.internal/ws/${join.roomCode}`, { headers });
}

export function fromRoomRequest(request: Request): JoinRequest | undefined {
  const roomCode = normaliseRoomCode(request.headers.get(HEADER.roomCode) ?? "");
  const playerId = request.headers.get(HEADER.playerId) ?? undefined;
  const codec = request.headers.get(HEADER.codec) === "json" ? "json" : "msgpack";
  if (!roomCode || (playerId !== undefined && !isValidPlayerId(playerId))) return undefined;
  const name = request.headers.get(HEADER.name);
  const resumeToken = request.headers.get(HEADER.resumeToken);
  const seat = request.headers.get(HEADER.seat);
  const sessionId = request.headers.get(HEADER.sessionId);
  const expiresAt = Number(request.headers.get(HEADER.sessionExpiresAt));
  return {
    roomCode,
    playerId,
    name: name === null ? undefined : decodeURIComponent(name),
    resumeToken: resumeToken === null ? undefined : decodeURIComponent(resumeToken),
    codec,
    seat: seat === null ? undefined : decodeURIComponent(seat),
    session: sessionId !== null && Number.isFinite(expiresAt) ? { sessionId: decodeURIComponent(sessionId), expiresAt } : undefined,
  };
}

/**
 * Percent-encodes a client-supplied string for a header. Strings from a URL query are well-formed, but a lone
 * surrogate would make encodeURIComponent throw, so it is replaced first (U+FFFD) rather than failing the join.
 */
function headerSafe(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}
