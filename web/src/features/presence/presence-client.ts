import { presenceFeature } from "@edgehold/protocol";
import { presenceOf } from "../../net/presence.ts";
import { defineClientFeature, type ClientFeatureContext } from "../client-feature.ts";

/** Presence on the page: who joined and who left, by name; the presence channel is latest-value. */
export const presenceClient = defineClientFeature(presenceFeature, {
  events: {
    join: (payload, context) => context.notify(`${payload.name} joined`),
    leave: (payload, context) => context.notify(`${nameOf(payload.entityId, payload.playerId, context)} left (${payload.reason})`),
  },
  channels: { presence: "latest" },
});

/**
 * The leaver's name from the presence channel: the server sends `leave` before the snapshot that drops the entry,
 * so the replica still holds it. A client that never saw the entry (left before its first snapshot) says the id.
 */
function nameOf(entityId: string, playerId: string, context: ClientFeatureContext): string {
  return presenceOf(context.replica, entityId)?.name ?? (playerId || `player ${entityId}`);
}
