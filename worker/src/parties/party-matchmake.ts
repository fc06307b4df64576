import type { ReservedSeat } from "./party-durable-object.ts";

/** Who a matchmake seats, and how their party hears of the seats (see `partyMatchmake`). */
export interface PartyMatchmake {
  /** The players to seat in one room: the caller's whole party (members, oldest first) when they lead one, else the caller. */
  readonly playerIds: string[];
  /** After the directory reserved the seats in room `code`: each member's summon (a no-op for a caller without a party). */
  summon(code: string, seats: readonly ReservedSeat[]): Promise<string[]>;
}

/**
 * For `POST /api/matchmake` (ARCHITECTURE.md "Play together": a leader's matchmake reserves seats for every member in
 * one room): ask this before the directory, pass `playerIds` to its `matchmake`, then hand its `seats` to `summon`.
 * A member who is not the leader matchmakes alone, as does a player in no party.
 */
export async function partyMatchmake(env: Env, callerId: string): Promise<PartyMatchmake> {
  const alone: PartyMatchmake = { playerIds: [callerId], summon: async () => [] };
  const partyId = await env.ACCOUNTS.get(env.ACCOUNTS.idFromName(callerId)).partyOf();
  if (!partyId) return alone;
  const party = env.PARTIES.get(env.PARTIES.idFromName(partyId));
  const info = await party.info();
  if (!info || info.leader !== callerId) return alone;
  return { playerIds: info.members, summon: (code, seats) => party.summon(code, [...seats]) };
}
