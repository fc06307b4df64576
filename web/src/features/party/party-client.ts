import { partyFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";
import { PartyController } from "./party-controller.ts";
import { partySummonsKey } from "./party-hud-state.ts";

/**
 * Parties on the page: the `party` channel (members present, with hp) feeds the party frame; `party.summon` (the
 * leader's matchmake holds a seat for you) is offered by the party panel, which also forms the party over REST.
 */
export const partyClient = defineClientFeature(partyFeature, {
  events: {
    summon: (payload, context) => context.local(partySummonsKey).publish(payload),
  },
  channels: { party: "latest" },
  controller: (session) => new PartyController(session),
});
