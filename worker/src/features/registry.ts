import { buildServer } from "./build/build-server.ts";
import { chatServer } from "./chat/chat-server.ts";
import { combatServer } from "./combat/combat-server.ts";
import { movementServer } from "./movement/movement-server.ts";
import { partyServer } from "./party/party-server.ts";
import { presenceServer } from "./presence/presence-server.ts";
import type { AnyServerFeature } from "./server-feature.ts";
import { sessionServer } from "./session/session-server.ts";
import { telemetryServer } from "./telemetry/telemetry-server.ts";
import { wildlifeServer } from "./wildlife/wildlife-server.ts";

/**
 * The features every room runs, listed once. Snapshot channels go out in this order (presence first: a client
 * learns who an entity is before it moves). Add a feature: its folder under features/, and one line here.
 */
export const SERVER_FEATURES: readonly AnyServerFeature[] = [presenceServer, movementServer, sessionServer, buildServer, wildlifeServer, combatServer, chatServer, partyServer, telemetryServer];
