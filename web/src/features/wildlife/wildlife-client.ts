import { wildlifeFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/**
 * Wildlife on the page: it has no wire of its own (creatures arrive in the presence, movement and combat channels),
 * so its client half handles nothing yet; it is listed so every protocol feature has one.
 */
export const wildlifeClient = defineClientFeature(wildlifeFeature, { events: {}, channels: {} });
