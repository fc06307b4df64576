import { combatFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { structureDamage } from "../services/structure-damage.ts";
import { COMBAT_SCORES_MIGRATION } from "./combat-scores.ts";
import { CombatRoom, DEFAULT_COMBAT_OPTIONS, type CombatOptions } from "./combat-room.ts";

/**
 * Combat: every player and creature fights (players by their class's weapon, maxHp 100); fire rides the inputs and
 * is judged by the sim, lag-compensated to the shooter's `viewTime`; the sim's events become `hit`, `death`,
 * `respawn` events, scores (stored), structure damage (the build feature's `structure_damage` service); channels
 * `projectile` and `combat`.
 * `createCombatServer({ lagCompensation: false })` is the same feature judging shots against the present (tests).
 */
export function createCombatServer(options: Partial<CombatOptions> = {}) {
  const settings = { ...DEFAULT_COMBAT_OPTIONS, ...options };
  return defineServerFeature(combatFeature, {
    migrations: [COMBAT_SCORES_MIGRATION],
    uses: [structureDamage],
    state: ({ sql, world }) => new CombatRoom(world, sql, settings),
    commands: {},
    channels: {
      // A projectile is seen where it flies, not where its shooter stands.
      projectile: { collect: ({ state }) => state.projectileChannel(), interest: { by: "position" } },
      // Versioned: a snapshot tick on which no hp, stamina or score changed diffs and encodes nothing of it.
      combat: { collect: ({ state }) => state.combatChannel(), version: ({ state }) => state.combatVersion, interest: { by: "entity" } },
    },
    hooks: {
      join({ state }, { player, connection, spawned }) {
        state.joined(player, connection, spawned);
      },
      linger({ state }, player) {
        return state.lingerMs(player);
      },
      leaving({ state }, player) {
        state.leaving(player);
      },
      leave({ state }, player) {
        state.left(player);
      },
      beforeStep({ state }) {
        state.beforeStep();
      },
      input(room, player, input, catchUp) {
        room.state.input(room, player, input, catchUp);
      },
      tick(room) {
        room.state.tick(room);
      },
    },
  });
}

export const combatServer = createCombatServer();
