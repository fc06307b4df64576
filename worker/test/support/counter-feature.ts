import { channel, command, defineFeature, ErrorCode, event } from "@edgehold/protocol";
import { defineServerFeature } from "../../src/features/server-feature.ts";

/**
 * A feature that exists only in test code, to prove the seam: a per-player counter. `counter.bump { by }` adds
 * to the sender's count (1–10 per bump, at most 5 bumps a second), the `counter` channel shows every player's
 * count, and `counter.bumped` tells everyone who bumped.
 */
export const counterFeature = defineFeature("counter", {
  commands: {
    bump: command((payload: unknown) => {
      const by = typeof payload === "object" && payload !== null ? (payload as { by?: unknown }).by : undefined;
      if (typeof by !== "number" || !Number.isInteger(by) || by < 1 || by > 10) return "by must be an integer 1..10";
      return { by };
    }),
  },
  events: { bumped: event<{ playerId: string; by: number; count: number }>() },
  channels: { counter: channel<{ count: number }>() },
});

export const counterServer = defineServerFeature(counterFeature, {
  state: () => new Map<string, number>(),
  commands: {
    bump(room, bump) {
      if (!room.allow(room.player.playerId, "counter.bump", { perSecond: 5, burst: 5 })) {
        return { ok: false, code: ErrorCode.rateLimited, message: "at most 5 bumps a second" };
      }
      const count = (room.state.get(room.player.entityId) ?? 0) + bump.payload.by;
      room.state.set(room.player.entityId, count);
      room.broadcast(room.event(counterFeature, "bumped", { playerId: room.player.playerId, by: bump.payload.by, count }));
      return { ok: true };
    },
  },
  channels: {
    counter: ({ state, world }) => {
      const entities = new Map<string, { count: number }>();
      for (const { entityId } of world.players.values()) entities.set(entityId, { count: state.get(entityId) ?? 0 });
      return entities;
    },
  },
  hooks: {
    leave: ({ state }, player) => state.delete(player.entityId),
  },
});
