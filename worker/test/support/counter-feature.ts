import { channel, command, defineFeature, ErrorCode, event, inputFields } from "@edgehold/protocol";
import { defineServerFeature } from "../../src/features/server-feature.ts";
import type { SqlExec } from "../../src/storage/rows-written.ts";

/**
 * A feature that exists only in test code, to prove the seam: a per-player counter. `counter.bump { by }` adds
 * to the sender's count (1–10 per bump, at most 5 bumps a second); a step input may carry `tap: true` (a field this
 * feature adds to every input), which adds 1 at that input's step. The `counter` channel shows every player's
 * count, and `counter.bumped` tells everyone who bumped. Counts are durable: its own table (a migration), written
 * by the checkpoint hook, read back when the room starts.
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
  input: inputFields<{ tap?: boolean }>(["tap"], (input, at) => {
    if (input.tap === undefined) return {};
    return typeof input.tap === "boolean" ? { tap: input.tap } : `${at}.tap must be a boolean`;
  }),
});

/** Player id → count, with the ones changed since the last checkpoint. */
class Counts {
  readonly byPlayer = new Map<string, number>();
  readonly dirty = new Set<string>();

  constructor(private readonly sql: SqlExec) {
    for (const row of sql.exec<{ player_id: string; count: number }>("SELECT player_id, count FROM counter_counts")) {
      this.byPlayer.set(row.player_id, row.count);
    }
  }

  add(playerId: string, by: number): number {
    const count = (this.byPlayer.get(playerId) ?? 0) + by;
    this.byPlayer.set(playerId, count);
    this.dirty.add(playerId);
    return count;
  }

  save(): void {
    for (const playerId of this.dirty) {
      this.sql.exec("INSERT INTO counter_counts (player_id, count) VALUES (?, ?) ON CONFLICT (player_id) DO UPDATE SET count = excluded.count", playerId, this.byPlayer.get(playerId)!);
    }
    this.dirty.clear();
  }
}

export const counterServer = defineServerFeature(counterFeature, {
  // Its migration 1, in its own namespace ("counter"): no other feature's numbers to keep clear of.
  migrations: [{ version: 1, name: "counter counts", up: (sql) => sql.exec("CREATE TABLE counter_counts (player_id TEXT PRIMARY KEY, count INTEGER NOT NULL)") }],
  state: ({ sql }) => new Counts(sql),
  commands: {
    bump(room, bump) {
      if (!room.allow(room.player.playerId, "counter.bump", { perSecond: 5, burst: 5 })) {
        return { ok: false, code: ErrorCode.rateLimited, message: "at most 5 bumps a second" };
      }
      const count = room.state.add(room.player.playerId, bump.payload.by);
      room.broadcast(room.event(counterFeature, "bumped", { playerId: room.player.playerId, by: bump.payload.by, count }));
      return { ok: true };
    },
  },
  channels: {
    counter: ({ state, world }) => {
      const entities = new Map<string, { count: number }>();
      for (const { entityId, playerId } of world.players.values()) entities.set(entityId, { count: state.byPlayer.get(playerId) ?? 0 });
      return entities;
    },
  },
  hooks: {
    // Typed by the fields this feature declares: `tap` (and the input's seq), nothing of movement's.
    input: ({ state }, player, { tap }) => {
      if (tap) state.add(player.playerId, 1);
    },
    checkpoint: ({ state }) => state.save(),
  },
});
