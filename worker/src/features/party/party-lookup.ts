import type { PartyMembersAnswer } from "../../parties/party-notices.ts";
import type { PlayerConnection } from "../room-context.ts";
import type { FeatureContext } from "../server-feature.ts";
import type { PartyRoster } from "./party-roster.ts";
import { applyViews } from "./party-views.ts";

/**
 * How many times one join asks while notices keep overtaking the answers (party-calls.ts): each ask is two calls, and
 * a party that changes that often within one round trip has told the room its members in those notices anyway.
 */
const MAX_ASKS = 3;

/**
 * A player joined the room: their account says which party they are in (and learns which room they are in, so a
 * party they join later reaches them here); that party records the room and names its members. Two calls per
 * join, none per tick. Runs after the welcome, after the player's earlier party calls (PartyCalls.inOrder): the party
 * shows up a moment later, like any change.
 */
export async function lookUpParty(context: FeatureContext<PartyRoster>, connection: PlayerConnection): Promise<void> {
  const { env, state } = context;
  const { playerId, roomCode } = connection.attachment;
  for (let ask = 0; ask < MAX_ASKS; ask++) {
    const partyId = await env.ACCOUNTS.get(env.ACCOUNTS.idFromName(playerId)).enteredRoomForParty(roomCode);
    if (!partyId) return;
    const question = state.calls.ask(playerId, partyId);
    let answer: PartyMembersAnswer | null;
    try {
      answer = await env.PARTIES.get(env.PARTIES.idFromName(partyId)).enterRoom(playerId, roomCode);
    } finally {
      state.calls.answered(playerId);
    }
    // A notice came meanwhile: this answer may be older than it. Ask again: the account and party know the latest.
    if (question.overtaken) continue;
    // Gone again before the answer came (its leave already told the party), or no member any more.
    if (!answer || context.connectionOf(playerId) !== connection) return;
    // This connection too: a resumed or replacing one starts with everyone's view though its party did not change.
    applyViews(context, [...context.state.setParty(partyId, answer.members, answer.version), playerId]);
    return;
  }
}

/** A player left the room: their account and party forget this room (a later join elsewhere has already moved them). */
export async function forgetRoom(context: FeatureContext<PartyRoster>, playerId: string, partyId: string | undefined, roomCode: string): Promise<void> {
  const { env } = context;
  await env.ACCOUNTS.get(env.ACCOUNTS.idFromName(playerId)).leftRoomForParty(roomCode);
  if (partyId) await env.PARTIES.get(env.PARTIES.idFromName(partyId)).leftRoom(playerId, roomCode);
}
