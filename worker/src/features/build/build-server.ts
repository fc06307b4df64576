import { buildFeature, ErrorCode, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import { RoomMetaStore } from "../../storage/room-meta.ts";
import { RoomOwner } from "../../storage/room-owner.ts";
import { defineServerFeature } from "../server-feature.ts";
import { BuildRoom } from "./build-room.ts";
import { registerStructureDamage } from "./structure-damage.ts";
import { STRUCTURES_MIGRATION } from "./structure-store.ts";

/**
 * Previews are pure UI (nothing stored, nothing simulated), but each one is fanned out to every client's next
 * snapshot: 10 a second is more than a mouse moving across tiles needs.
 */
const PREVIEW_RATE = { perSecond: 10, burst: 10 };

/**
 * Building: an input's `build` action is applied at that input's step (rules → SQLite → sim tiles, so it is
 * durable before any snapshot shows it and the client's prediction agrees); `build.preview` shows a ghost to
 * everyone, never stored; channels `build` (structures) and `build_preview`.
 */
export const buildServer = defineServerFeature(buildFeature, {
  migrations: [STRUCTURES_MIGRATION],
  state: ({ sql, world }) => {
    const room = new BuildRoom(sql, world.sim);
    room.hydrate();
    registerStructureDamage(world, room);
    return { room, owner: new RoomOwner(new RoomMetaStore(sql)) };
  },
  commands: {
    preview(context, command) {
      if (!context.allow(context.player.playerId, "build.preview", PREVIEW_RATE)) {
        return {
          ok: false,
          code: ErrorCode.rateLimited,
          message: "build previews: at most 10 per second",
          strike: false,
          details: { action: "build.preview", secondsLeft: 1 },
        };
      }
      context.state.room.preview(context.player.entityId, command.payload);
      return { ok: true };
    },
  },
  channels: {
    build: {
      collect: ({ state }) => state.room.buildChannel(),
      version: ({ state }) => state.room.buildVersion,
      changedSince: ({ state }, version) => state.room.buildChangedSince(version),
    },
    build_preview: ({ state }) => state.room.previewChannel(),
  },
  hooks: {
    join({ state }, { player }) {
      state.owner.noteJoin(player.playerId);
    },
    input(room, player, input) {
      const rejected = room.state.room.applyInput(input, player.playerId, room.state.owner.is(player.playerId));
      if (rejected) room.send(player.playerId, { v: PROTOCOL_VERSION, kind: Kind.error, payload: rejected });
    },
    leave({ state }, player) {
      state.room.leave(player.entityId);
    },
    checkpoint({ state }) {
      state.room.flushDamage();
    },
  },
});
