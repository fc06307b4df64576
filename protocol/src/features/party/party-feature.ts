import { channel, defineFeature, event } from "../define-feature.ts";
import type { PartyFields, PartySummonPayload } from "./party-types.ts";

/**
 * Parties (ARCHITECTURE.md "Play together"): formed over REST (`/api/parties`, one Durable Object per party); in a
 * room, the channel `party` carries every member present to every member whatever their view, chat scope `party`
 * (chat's) reaches the members in the room, and `summon` tells a member in a room that the leader's matchmake holds a
 * seat for them. Clients send it no commands. The error codes are the REST API's (`{ error }` of a 4xx answer).
 */
export const partyFeature = defineFeature("party", {
  commands: {},
  events: { summon: event<PartySummonPayload>() },
  channels: { party: channel<PartyFields>() },
  errors: {
    party_not_found: "REST: no such party (never created, or its last member left and it ended).",
    party_full: `REST: the party already has its most members (8), at the invite or at the join.`,
    already_in_party: "REST: the player is already in a party (one party per player), at create, invite or join.",
    not_invited: "REST: joining a party that did not invite you.",
    not_a_member: "REST: kicking or leaving a party the player is not a member of; in a room, a `party` chat line from a player in no party.",
  },
});
