import { Hono } from "hono";
import { CloseCode, ErrorCode, normaliseRoomCode, randomRoomCode, type Codec } from "@edgehold/protocol";
import { bearerToken, resolveIdentity } from "../auth/identity.ts";
import { toRoomRequest } from "../room/join-request.ts";
import { refusedSocket } from "../room/refused-socket.ts";
import type { RoomDurableObject } from "../room/room-durable-object.ts";
import { ApiError } from "./api-error.ts";
import { directoryStub } from "../directory/directory-durable-object.ts";
import { roomKindNamed } from "../room/kinds/room-kinds.ts";
import { callerId } from "./caller.ts";
import { readJson } from "./read-json.ts";
import { parseRoomRequest } from "./room-creation.ts";

export const roomsRoutes = new Hono<{ Bindings: Env }>();

/**
 * Codes tried before giving up: a fresh code is ~45 random bits (randomRoomCode), so even a second attempt means
 * billions of rooms exist; three keeps a freak collision from failing the request.
 */
const CREATE_ATTEMPTS = 3;

roomsRoutes.post("/", async (c) => {
  const owner = await callerId(c.env, c.req);
  const request = parseRoomRequest(await readJson(c.req.raw));
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const code = randomRoomCode();
    if (await roomStub(c.env, code).create({ code, kind: request.kind, public: request.public, owner })) {
      return c.json({ code, kind: request.kind.name, public: request.public, owner, capacity: request.kind.capacity }, 201);
    }
  }
  throw new ApiError(503, "code_unavailable", "no free room code was found; try again");
});

/**
 * `GET /api/rooms?kind=K` → `{ rooms: [{ code, kind, players, capacity, region? }] }`: public rooms (of kind K, or
 * of every kind), fullest first, with player counts the directory has within a second or two of each join or leave.
 */
roomsRoutes.get("/", async (c) => {
  // As for a room's info: who plays where is for signed-in players (Clerk mode); dev mode has no one to check.
  await resolveIdentity(c.env, bearerToken(c.req.header("authorization")), undefined);
  const kind = c.req.query("kind");
  if (kind !== undefined && !roomKindNamed(kind)) throw new ApiError(400, ErrorCode.unknownKind, `no room kind "${kind.slice(0, 40)}"`, "kind");
  return c.json({ rooms: await directoryStub(c.env).rooms(kind) });
});

roomsRoutes.get("/:code", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  // Who is in which room is for signed-in players only: in Clerk mode a missing or bad token is a 401 here
  // (resolveIdentity throws it). Dev mode has no one to check.
  await resolveIdentity(c.env, bearerToken(c.req.header("authorization")), undefined);
  const info = await roomStub(c.env, code).info(code);
  if (!info) throw new ApiError(404, ErrorCode.roomNotFound, `no room "${code}": it was never created or joined`, "code");
  return c.json(info);
});

roomsRoutes.get("/:code/ws", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "this endpoint speaks WebSocket: send Upgrade: websocket");
  }
  const codec = c.req.query("codec") ?? "msgpack";
  if (codec !== "msgpack" && codec !== "json") {
    throw new ApiError(400, "invalid_codec", 'codec must be "msgpack" or "json"', "codec");
  }
  let identity;
  try {
    // Browsers cannot set headers on a WebSocket, so the session token rides in the query string.
    identity = await resolveIdentity(c.env, c.req.query("token"), c.req.query("playerId"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return refusedSocket(CloseCode.unauthorized, error.message);
    throw error;
  }
  const request = toRoomRequest({
    roomCode: code,
    playerId: identity.userId,
    name: c.req.query("name"),
    resumeToken: c.req.query("resumeToken"),
    codec: codec as Codec,
    seat: c.req.query("seat"),
    session: identity.session,
  });
  return roomStub(c.env, code).fetch(request);
});

export function roomCodeOf(raw: string): string {
  const code = normaliseRoomCode(raw);
  if (!code) throw new ApiError(400, "invalid_room_code", "room codes are 1-32 of [A-Za-z0-9_-]", "code");
  return code;
}

export function roomStub(env: Env, code: string): DurableObjectStub<RoomDurableObject> {
  return env.ROOMS.get(env.ROOMS.idFromName(code));
}
