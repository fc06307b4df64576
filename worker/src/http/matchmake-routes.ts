import { Hono } from "hono";
import { ErrorCode } from "@edgehold/protocol";
import { directoryStub } from "../directory/directory-durable-object.ts";
import { matchmakeProblem } from "../directory/matchmaker.ts";
import { isRegion, REGIONS, type Region } from "../directory/regions.ts";
import { ROOM_KINDS } from "../room/kinds/room-kinds.ts";
import { ApiError } from "./api-error.ts";
import { callerId } from "./caller.ts";
import { readJson } from "./read-json.ts";

export const matchmakeRoutes = new Hono<{ Bindings: Env }>();

/**
 * `POST /api/matchmake { kind, region? }` → `200 { code, kind, seat, seatExpiresAt, players, capacity }`: a seat for
 * the caller in the fullest public room of the kind with one free (a new room when none has), valid 30 s, for
 * `?seat=` on the room's socket.
 */
matchmakeRoutes.post("/", async (c) => {
  const playerId = await callerId(c.env, c.req);
  const { kind, region } = parseMatchmakeRequest(await readJson(c.req.raw));
  let result;
  try {
    result = await directoryStub(c.env).matchmake({ kind, ...(region ? { region } : {}), playerIds: [playerId] });
  } catch (error) {
    // Every room asked refused or failed for a few rounds (the request itself was checked above): try again later.
    console.error("[matchmake]", error);
    throw new ApiError(503, "matchmake_unavailable", "no room could take you right now; try again");
  }
  const seat = result.seats.find((grant) => grant.playerId === playerId)!;
  return c.json({ code: result.code, kind: result.kind, seat: seat.seat, seatExpiresAt: seat.seatExpiresAt, players: result.players, capacity: result.capacity });
});

/** The body `{ kind, region? }`, validated; other keys are ignored. */
export function parseMatchmakeRequest(body: unknown): { kind: string; region: Region | undefined } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, "invalid_body", "the body must be a JSON object: { kind, region? }", "body");
  const { kind, region } = body as Record<string, unknown>;
  if (typeof kind !== "string") throw new ApiError(400, "invalid_body", "kind must be a string naming a public room kind", "kind");
  const problem = matchmakeProblem(kind, 1);
  const publicKinds = [...ROOM_KINDS.values()].filter((k) => k.listed).map((k) => k.name).join(", ");
  if (problem === "unknown_kind") throw new ApiError(400, ErrorCode.unknownKind, `no room kind "${kind.slice(0, 40)}"; public kinds: ${publicKinds}`, "kind");
  if (problem) throw new ApiError(400, "kind_not_public", `"${kind}" rooms are private (made with POST /api/rooms and shared by link); matchmaking serves: ${publicKinds}`, "kind");
  if (region !== undefined && !isRegion(region)) throw new ApiError(400, "unknown_region", `region must be one of ${REGIONS.join(", ")}`, "region");
  return { kind, region };
}
