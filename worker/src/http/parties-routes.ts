import { Hono } from "hono";
import { ErrorCode, normaliseRoomCode, type MyParty } from "@edgehold/protocol";
import type { PartyRefusal, PartyResult } from "../parties/party-rules.ts";
import { ApiError } from "./api-error.ts";
import { invalidField, objectFields, optionalObjectFields, playerIdField } from "./body-fields.ts";
import { callerId } from "./caller.ts";
import { account } from "./characters-routes.ts";
import { readJson } from "./read-json.ts";

type Variables = { userId: string };

/**
 * REST for parties (ARCHITECTURE.md "Play together"). Two kinds of Durable Object take part, each deciding what only
 * it can decide without a race: the party's own (parties/party-durable-object.ts: leader, members, invites, the
 * 8-member cap) and each player's account (characters/party-index.ts: one party per player). A join claims the
 * player's account first, then asks the party; a refusal by the party gives the claim back.
 *
 * Create and join take an optional body `{ room }`: the room the caller is playing in (the page names its own), so
 * the party reaches them there at once (its `party` channel and party chat). A player's account remembers their
 * room only while they are in a party (a join of a player in no party writes nothing), so forming a party is when
 * the room must be named; it counts only if that room says the caller is connected there.
 */
export const partiesRoutes = new Hono<{ Bindings: Env; Variables: Variables }>();

/** A party id: `p_` and 20 hex digits (80 random bits: not guessable, so an invite cannot be found by trying ids). */
const PARTY_ID = /^p_[0-9a-f]{20}$/;

const STATUS: Record<PartyRefusal, 403 | 404 | 409> = {
  party_not_found: 404,
  not_a_member: 404,
  forbidden: 403,
  not_invited: 403,
  party_full: 409,
  already_in_party: 409,
};

partiesRoutes.use("*", async (c, next) => {
  c.set("userId", await callerId(c.env, c.req));
  await next();
});

partiesRoutes.post("/", async (c) => {
  const leader = c.var.userId;
  const room = await roomOfCaller(c.env, leader, await readJson(c.req.raw));
  const id = `p_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const claim = await account(c.env, leader).claimParty(id, room);
  if (!claim.ok) throw alreadyInParty(claim.partyId);
  try {
    return c.json(await party(c.env, id).create(id, leader, claim.roomCode), 201);
  } catch (error) {
    // The party was never made: the claim goes, or the player would be "already in" a party that does not exist.
    await account(c.env, leader).releaseParty(id);
    throw error;
  }
});

partiesRoutes.get("/me", async (c) => {
  const me = c.var.userId;
  const stub = account(c.env, me);
  const [partyId, invites] = await Promise.all([stub.partyOf(), stub.partyInvites()]);
  const answer: MyParty = { party: null, invitedTo: [], summon: null };
  if (partyId) {
    const view = await party(c.env, partyId).memberView(me);
    // The party no longer has them (it ended, or a request failed halfway): the index follows the party.
    if (view) Object.assign(answer, view);
    else await stub.releaseParty(partyId);
  }
  const invitedBy = await Promise.all(invites.map((id) => party(c.env, id).inviteFor(me)));
  for (const [i, invite] of invitedBy.entries()) {
    if (invite) answer.invitedTo.push(invite);
    else await stub.dropPartyInvite(invites[i]!);
  }
  return c.json(answer);
});

partiesRoutes.post("/:id/invites", async (c) => {
  const id = partyIdOf(c.req.param("id"));
  const playerId = playerIdOf(await readJson(c.req.raw));
  const invited = unwrap(await party(c.env, id).invite(c.var.userId, playerId));
  await account(c.env, playerId).addPartyInvite(id);
  return c.json(invited, 201);
});

partiesRoutes.post("/:id/join", async (c) => {
  const id = partyIdOf(c.req.param("id"));
  const room = await roomOfCaller(c.env, c.var.userId, await readJson(c.req.raw));
  const me = account(c.env, c.var.userId);
  const claim = await me.claimParty(id, room);
  if (!claim.ok) {
    // A party that is not there is the first thing wrong with the request.
    if (!(await party(c.env, id).info())) throw notFound();
    throw alreadyInParty(claim.partyId);
  }
  const joined = await party(c.env, id).join(c.var.userId, claim.roomCode);
  if (!joined.ok) await me.releaseParty(id);
  else await me.dropPartyInvite(id);
  return c.json(unwrap(joined));
});

partiesRoutes.post("/:id/leave", async (c) => {
  const id = partyIdOf(c.req.param("id"));
  const change = unwrap(await party(c.env, id).leave(c.var.userId));
  await account(c.env, c.var.userId).releaseParty(id);
  return c.json({ left: id, party: change.party ?? null });
});

partiesRoutes.post("/:id/kick", async (c) => {
  const id = partyIdOf(c.req.param("id"));
  const playerId = playerIdOf(await readJson(c.req.raw));
  const change = unwrap(await party(c.env, id).kick(c.var.userId, playerId));
  await account(c.env, playerId).releaseParty(id);
  return c.json(change.party);
});

export function party(env: Env, id: string) {
  return env.PARTIES.get(env.PARTIES.idFromName(id));
}

/** A malformed id is no party: 404 without waking any object (nothing is stored for it). */
function partyIdOf(raw: string): string {
  if (!PARTY_ID.test(raw)) throw notFound();
  return raw;
}

/**
 * The body's `room` (optional; no body at all is fine) when the caller is connected there now; else undefined (they
 * just left it: the party finds them at their next join). A malformed one is a 400.
 */
async function roomOfCaller(env: Env, playerId: string, body: unknown): Promise<string | undefined> {
  // A body that is no object is the room's fault too: `room` is its only field.
  const raw = optionalObjectFields(body, "{} or { room }", "room").room;
  if (raw === undefined) return undefined;
  const room = typeof raw === "string" ? normaliseRoomCode(raw) : null;
  if (!room) throw invalidField("room", "room must be a room code (1-32 of [A-Za-z0-9_-])");
  return (await env.ROOMS.get(env.ROOMS.idFromName(room)).hasPlayer(playerId)) ? room : undefined;
}

/** `{ playerId }`: who to invite or kick (a body that is no object is `playerId`'s fault: it is the only field). */
function playerIdOf(body: unknown): string {
  return playerIdField(objectFields(body, "{ playerId }", "playerId").playerId);
}

function notFound(): ApiError {
  return new ApiError(404, ErrorCode.partyNotFound, "no such party: it was never created, or its last member left");
}

function alreadyInParty(partyId: string): ApiError {
  return new ApiError(409, ErrorCode.alreadyInParty, `you are already in party ${partyId}: leave it first`);
}

function unwrap<T>(result: PartyResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(STATUS[result.error], result.error, result.message);
}
