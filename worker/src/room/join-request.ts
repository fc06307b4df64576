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
  resumeToken: string | undefined;
  codec: Codec;
}

const HEADER = {
  roomCode: "x-edgehold-room",
  playerId: "x-edgehold-player",
  name: "x-edgehold-name",
  resumeToken: "x-edgehold-resume-token",
  codec: "x-edgehold-codec",
} as const;

export function toRoomRequest(join: JoinRequest): Request {
  const headers = new Headers({ Upgrade: "websocket", [HEADER.roomCode]: join.roomCode, [HEADER.codec]: join.codec });
  if (join.playerId) headers.set(HEADER.playerId, join.playerId);
  if (join.name) headers.set(HEADER.name, encodeURIComponent(join.name));
  if (join.resumeToken) headers.set(HEADER.resumeToken, join.resumeToken);
  return new Request(`https://room.internal/ws/${join.roomCode}`, { headers });
}

export function fromRoomRequest(request: Request): JoinRequest | undefined {
  const roomCode = normaliseRoomCode(request.headers.get(HEADER.roomCode) ?? "");
  const playerId = request.headers.get(HEADER.playerId) ?? undefined;
  const codec = request.headers.get(HEADER.codec) === "json" ? "json" : "msgpack";
  if (!roomCode || (playerId !== undefined && !isValidPlayerId(playerId))) return undefined;
  const name = request.headers.get(HEADER.name);
  return {
    roomCode,
    playerId,
    name: name === null ? undefined : decodeURIComponent(name),
    resumeToken: request.headers.get(HEADER.resumeToken) ?? undefined,
    codec,
  };
}
