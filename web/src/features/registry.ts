import type { AnyClientFeature } from "./client-feature.ts";
import { buildClient } from "./build/build-client.ts";
import { combatClient } from "./combat/combat-client.ts";
import { chatClient } from "./chat/chat-client.ts";
import { movementClient } from "./movement/movement-client.ts";
import { partyClient } from "./party/party-client.ts";
import { presenceClient } from "./presence/presence-client.ts";
import { sessionClient } from "./session/session-client.ts";
import { telemetryClient } from "./telemetry/telemetry-client.ts";
import { wildlifeClient } from "./wildlife/wildlife-client.ts";

/**
 * The page's features, listed once. Add a feature: its folder under features/, and one line here.
 *
 * The order is the order of their hooks: error handlers (build's refusals are claimed before chat looks for its
 * own), prediction parts, input parts (their fields follow each other on the wire in this order: combat's shot
 * fields before build's action, as the room has always received them), frame hooks (wildlife draws the creatures
 * combat puts HP bars on; combat lays the dead down before chat poses the emotes of the living) and HUD elements.
 */
export const CLIENT_FEATURES: readonly AnyClientFeature[] = [
  movementClient,
  sessionClient,
  presenceClient,
  wildlifeClient,
  combatClient,
  buildClient,
  chatClient,
  partyClient,
  telemetryClient,
];
