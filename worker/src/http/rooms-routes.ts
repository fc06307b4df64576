import { Hono } from "hono";
import { isValidPlayerId, normaliseRoomCode, type Codec } from "@edgehold/protocol";
import { toRoomRequest } from "../room/join-request.ts";
import type { RoomDurableObject } from "../room/room-durable-object.ts";
import { ApiError } from "./api-error.ts";

export const roomsRoutes = new Hono<{ Bindings: Env }>();

roomsRoutes.get("/:code", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  return c.json(await roomStub(c.env, code).info(code));
});

roomsRoutes.get("/:code/ws", async (c) => {
  const code = roomCodeOf(c.req.param("code"));
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "this endpoint speaks WebSocket: send Upgrade: websocket");
  }
  const playerId = c.req.query("playerId");
  if (playerId !== undefined && !isValidPlayerId(playerId)) {
    throw new ApiError(400, "invalid_player_id", "playerId must be 1-64 of [A-Za-z0-9_-]", "playerId");
  }
  const codec = c.req.query("codec") ?? "msgpack";
  if (codec !== "msgpack" && codec !== "json") {
    throw new ApiError(400, "invalid_codec", 'codec must be "msgpack" or "json"', "codec");
  }
  const request = toRoomRequest({
    roomCode: code,
    playerId,
    name: c.req.query("name"),
    resumeToken: c.req.query("resumeToken"),
    codec: codec as Codec,
  });
  return roomStub(c.env, code).fetch(request);
});

function roomCodeOf(raw: string): string {
  const code = normaliseRoomCode(raw);
  if (!code) throw new ApiError(400, "invalid_room_code", "room codes are 1-32 of [A-Za-z0-9_-]", "code");
  return code;
}

function roomStub(env: Env, code: string): DurableObjectStub<RoomDurableObject> {
  return env.ROOMS.get(env.ROOMS.idFromName(code));
}
