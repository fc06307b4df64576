import { Hono } from "hono";
import { ErrorCode } from "@edgehold/protocol";
import { directoryStub } from "../directory/directory-durable-object.ts";
import { matchmakeProblem } from "../directory/matchmaker.ts";
import type { MatchmakeAnswer, MatchmakeProblem } from "../directory/seat-request.ts";
import { partyMatchmake } from "../parties/party-matchmake.ts";
import { isRegion, REGIONS, type Region } from "../directory/regions.ts";
import { roomKindNamed, ROOM_KINDS } from "../room/kinds/room-kinds.ts";
import { ApiError } from "./api-error.ts";
import { invalidField, objectFields } from "./body-fields.ts";
import { callerId } from "./caller.ts";
import { readJson } from "./read-json.ts";

export const matchmakeRoutes = new Hono<{ Bindings: Env }>();

/**
 * `POST /api/matchmake { kind, region? }` → `200 { code, kind, seat, seatExpiresAt, players, capacity }`: a seat for
 * the caller in the fullest public room of the kind with one free (a new room when none has), valid 30 s, for
 * `?seat=` on the room's socket.
 *
 * A party's leader matchmakes for the whole party: the directory reserves one seat per member in one room (so a room
 * with fewer free seats than the party is passed over), each member's seat becomes their summon (`GET
 * /api/parties/me`, and event `party.summon` in the room they are in), and the leader's own seat is the answer. A
 * member who is not the leader matchmakes alone (as does a player in no party): following the leader is the leader's
 * call, and a member may still wander off on their own.
 *
 * A problem with the request is its 4xx (the body and kind checked here, before anything is asked; the party's size
 * by the directory, which answers it); 503 `matchmake_unavailable` means only that the rooms could not place a
 * request that was fine.
 */
matchmakeRoutes.post("/", async (c) => {
  const playerId = await callerId(c.env, c.req);
  const { kind, region } = parseMatchmakeRequest(await readJson(c.req.raw));
  const party = await partyMatchmake(c.env, playerId);
  let answer: MatchmakeAnswer;
  try {
    answer = await directoryStub(c.env).matchmake({ kind, ...(region ? { region } : {}), playerIds: party.playerIds });
  } catch (error) {
    // Every room asked refused or failed for a few rounds: try again later.
    console.error("[matchmake]", error);
    throw new ApiError(503, "matchmake_unavailable", "no room could take you right now; try again");
  }
  if (!answer.ok) throw matchmakeRefusal(answer.problem, kind, party.playerIds.length);
  const { result } = answer;
  const seat = result.seats.find((grant) => grant.playerId === playerId)!;
  // Before answering: a member who polls /me right after the leader's answer finds their summon.
  // A failed summon costs the members their offer, not the leader their seat: logged, and the leader still goes.
  await party.summon(result.code, result.seats).catch((error: unknown) => console.error("[matchmake] party summon", error));
  return c.json({ code: result.code, kind: result.kind, seat: seat.seat, seatExpiresAt: seat.seatExpiresAt, players: result.players, capacity: result.capacity });
});

/** The body `{ kind, region? }`, validated; other keys are ignored. */
export function parseMatchmakeRequest(body: unknown): { kind: string; region: Region | undefined } {
  const { kind, region } = objectFields(body, "{ kind, region? }");
  if (typeof kind !== "string") throw invalidField("kind", "kind must be a string naming a public room kind");
  const problem = matchmakeProblem(kind, 1);
  if (problem) throw matchmakeRefusal(problem, kind, 1);
  if (region !== undefined && !isRegion(region)) throw new ApiError(400, "unknown_region", `region must be one of ${REGIONS.join(", ")}`, "region");
  return { kind, region };
}

/** A matchmake `problem` (matchmaker.ts) of a request for `players` players of `kind`, as its HTTP answer. */
export function matchmakeRefusal(problem: MatchmakeProblem, kind: string, players: number): Error {
  const publicKinds = [...ROOM_KINDS.values()].filter((k) => k.listed).map((k) => k.name).join(", ");
  switch (problem) {
    case "unknown_kind":
      return new ApiError(400, ErrorCode.unknownKind, `no room kind "${kind.slice(0, 40)}"; public kinds: ${publicKinds}`, "kind");
    case "kind_not_public":
      return new ApiError(400, "kind_not_public", `"${kind}" rooms are private (made with POST /api/rooms and shared by link); matchmaking serves: ${publicKinds}`, "kind");
    case "party_too_large":
      return new ApiError(409, "party_too_large", `your party has ${players} members and a "${kind}" room seats ${roomKindNamed(kind)?.capacity}: pick a larger kind`, "kind");
    case "invalid_players":
      // The players are the caller (verified) and their party's members (checked when they joined): a server bug.
      return new Error(`matchmake of invalid player ids (${players} players)`);
  }
}
