import { buildFeature, Kind, PROTOCOL_VERSION, type BuildSite } from "@edgehold/protocol";
import type { ActionLimit } from "../room-context.ts";
import { defineServerFeature } from "../server-feature.ts";
import { provide } from "../services/define-service.ts";
import { structureDamage } from "../services/structure-damage.ts";
import { BuildRoom } from "./build-room.ts";
import { BUILD_ACTION_LIMIT } from "./build-state.ts";
import { STRUCTURES_MIGRATION } from "./structure-store.ts";

/**
 * Previews are pure UI (nothing stored, nothing simulated), but each one is fanned out to every client's next
 * snapshot: 10 a second is more than a mouse moving across tiles needs. Spent like chat's budgets (ctx.spend), so
 * a preview flooder is escalated the same way: an automatic mute, then a 4008 close.
 */
const PREVIEW_LIMIT: ActionLimit = { perSecond: 10, burst: 10, describe: "at most 10 previews per second" };

/**
 * Building: an input's `build` action is applied at that input's step (rules → SQLite → sim tiles, so it is
 * durable before any snapshot shows it and the client's prediction agrees); `build.preview` shows a ghost to
 * everyone, never stored; channels `build` (structures) and `build_preview`. Offers combat the structures to damage
 * (the `structure_damage` service).
 */
export const buildServer = defineServerFeature(buildFeature, {
  migrations: [STRUCTURES_MIGRATION],
  state: ({ sql, world, clock }) => {
    const room = new BuildRoom(sql, world.sim, () => clock.now());
    room.hydrate();
    return { room };
  },
  provides: [provide(structureDamage, ({ room }: { room: BuildRoom }) => room)],
  commands: {
    preview(context, command) {
      const refused = context.spend(context, "build.preview", PREVIEW_LIMIT);
      if (refused) return refused;
      context.state.room.preview(context.player.entityId, command.payload);
      return { ok: true };
    },
  },
  channels: {
    build: {
      collect: ({ state }) => state.room.buildChannel(),
      version: ({ state }) => state.room.buildVersion,
      changedSince: ({ state }, version) => state.room.buildChangedSince(version),
      interest: { by: "tile_chunk" },
    },
    build_preview: { collect: ({ state }) => state.room.previewChannel(), interest: { by: "entity" } },
  },
  hooks: {
    input(room, player, { seq, build }) {
      if (!build) return;
      const { sim } = room.world;
      const actor = { playerId: player.playerId, isRoomOwner: room.owner.is(player.playerId) };
      const site: BuildSite = {
        world: room.world.kind.world,
        builderX: sim.bodies.x(player.slot),
        builderY: sim.bodies.y(player.slot),
        bodyNear: (tx, ty, margin) => sim.tiles.isOccupied(tx, ty, margin),
        isScenery: (tx, ty) => sim.tiles.isScenery(tx, ty),
      };
      // A refused action spends no token (the rate is the last rule); a player who keeps going too fast is flooding.
      const withinRate = () => room.charge(player, "build", BUILD_ACTION_LIMIT);
      const rejected = room.state.room.applyInput(seq, build, actor, site, withinRate);
      if (rejected) room.send(player.playerId, { v: PROTOCOL_VERSION, kind: Kind.error, payload: rejected });
    },
    clear({ state }, playerId) {
      return state.room.clearOwnedBy(playerId);
    },
    leave({ state }, player) {
      state.room.leave(player.entityId);
    },
    checkpoint({ state }) {
      state.room.flushDamage();
    },
  },
});
