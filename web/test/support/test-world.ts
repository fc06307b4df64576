import type { WorldRules } from "@edgehold/protocol";

/** The world a `room` kind's welcome describes (worker/src/room/kinds/room-kinds.ts): 128 m square, spawn ring 4–8 m. */
export const ROOM_WORLD: WorldRules = { minTile: -64, maxTile: 63, spawnRing: { minRadius: 4, maxRadius: 8 } };
