import { partyFeature } from "@edgehold/protocol";
import { PARTY_NOTICES, type PartyMembersNotice, type PartySummonNotice } from "../../parties/party-notices.ts";
import { defineServerFeature } from "../server-feature.ts";
import { provide } from "../services/define-service.ts";
import { partyMembers } from "../services/party-members.ts";
import { forgetRoom, lookUpParty } from "./party-lookup.ts";
import { PartyRoster } from "./party-roster.ts";
import { applyViews } from "./party-views.ts";

/**
 * Parties in a room: the room learns a joining player's party from their account and the party's Durable Object,
 * and each party tells the rooms its members are in when it changes (notice `members`) or summons them (`summon`).
 * Channel `party`, scoped: each member's connection gets its party's view (party-roster.ts), which alone selects the
 * party's entries — every member present, whatever the interest radius — and nobody else gets any of it. Chat's
 * `party` scope asks the `party_members` service.
 */
export const partyServer = defineServerFeature(partyFeature, {
  state: ({ world }) => new PartyRoster(world),
  commands: {},
  channels: {
    party: { collect: ({ state }) => state.collect(), scoped: true },
  },
  provides: [provide(partyMembers, (roster: PartyRoster) => ({ presentWith: (playerId: string) => roster.presentWith(playerId)?.map((p) => p.playerId) }))],
  hooks: {
    join(context, { connection }) {
      const { state } = context;
      state.roomCode = connection.attachment.roomCode;
      state.calls.inOrder(connection.playerId, () => lookUpParty(context, connection)).catch((error: unknown) => context.log("party lookup", error));
    },
    leave(context, player) {
      const { state } = context;
      const { roomCode } = state;
      const partyId = state.partyOf(player.playerId);
      state.drop(player.playerId);
      if (roomCode) state.calls.inOrder(player.playerId, () => forgetRoom(context, player.playerId, partyId, roomCode)).catch((error: unknown) => context.log("party leave", error));
    },
  },
  notices: {
    [PARTY_NOTICES.members](context, payload) {
      const { partyId, members, version } = payload as PartyMembersNotice;
      context.state.calls.heard(partyId, members);
      applyViews(context, context.state.setParty(partyId, members, version));
    },
    [PARTY_NOTICES.summon](context, payload) {
      const { playerId, summon } = payload as PartySummonNotice;
      context.send(playerId, context.event(partyFeature, "summon", summon));
    },
  },
});
