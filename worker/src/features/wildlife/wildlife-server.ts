import { wildlifeFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { populationOf, type WildlifeEnv } from "./population.ts";
import { Wildlife } from "./wildlife.ts";
import { roomSeed } from "../../room/room-seed.ts";

/**
 * Creatures that live in the room (no wire of their own: they are entities in the `presence`, `movement` and
 * `combat` channels, which those features fill from `world.creatures`): brains write their inputs before each step; deaths and respawns after it. */
export const wildlifeServer = defineServerFeature(wildlifeFeature, {
  state: ({ sql, env }) => new Wildlife(populationOf(env as Env & WildlifeEnv), () => roomSeed(sql)),
  commands: {},
  channels: {},
  hooks: {
    beforeStep: ({ world, state }) => state.beforeStep(world),
    tick: ({ world, state }) => state.afterStep(world),
  },
});
