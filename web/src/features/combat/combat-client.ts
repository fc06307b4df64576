import { combatFeature } from "@edgehold/protocol";
import { defineClientFeature, type ClientFeatureContext } from "../client-feature.ts";
import { CombatController } from "./combat-controller.ts";
import { combatEventsKey } from "./combat-events.ts";
import { combatPrediction } from "./combat-prediction.ts";

const eventsOf = (context: ClientFeatureContext) => context.local(combatEventsKey);

/**
 * Combat on the page: hp and projectiles are latest-value channels (the page draws the others' projectiles between
 * snapshots itself, room-projectiles.ts, and its own from prediction, combat-prediction.ts); hits, deaths and
 * respawns go to the session's view (hit markers, damage numbers, the kill feed, the death overlay). Shots ride the
 * input stream (fireInput): the feature has no commands.
 */
export const combatClient = defineClientFeature(combatFeature, {
  events: {
    hit: (p, context) =>
      eventsOf(context).push({ type: "hit", target: String(p.target), source: String(p.source), damage: p.damage, hp: p.hp, crit: p.crit === true }),
    death: (p, context) => eventsOf(context).push({ type: "death", target: String(p.target), killer: String(p.killer) }),
    respawn: (p, context) => eventsOf(context).push({ type: "respawn", target: String(p.target), x: p.x, y: p.y }),
  },
  channels: { projectile: "latest", combat: "latest" },
  prediction: combatPrediction,
  controller: (session) => new CombatController(session),
});
