import type { CharacterProfileStore } from "../storage/character-profiles.ts";
import type { CheckpointEntry, RoomCheckpointStore } from "../storage/room-checkpoint.ts";
import type { PlayerEntity, RoomWorld } from "./room-world.ts";

/**
 * Decides what of the room's state goes to SQLite, and when, writing as few rows as keeps restart-resume exact.
 *
 * - Moving state (every present character's x, y, vx, vy, last applied input seq, and the tick) lives in ONE row,
 *   `room_checkpoint`, rewritten at most once per `write()` (the room calls it about once a second) and only when a
 *   present character's position or velocity changed, or someone arrived or left. A room where nobody moves writes
 *   nothing; 64 walking players write one row a second, not 128.
 * - Per-character rows (`character_profiles`, `active_character_profiles`) are written when a character arrives
 *   (so its name and appearance are on record) and when it leaves or is switched away from, together with a
 *   checkpoint row that no longer lists it, in one transaction. So the checkpoint row only ever lists present
 *   characters, and for those it is at least as new as their profile rows.
 * - On start (`hydrate`), the last checkpoint row is folded into the profile rows: the characters it lists were
 *   present when the room went away, and it holds their latest place. After that the profile rows are the truth,
 *   and every join reads them as before.
 *
 * Why a checkpoint may skip a change of lastInputSeq alone: the sim moves a character only by applying an input,
 * and an input that left x, y, vx, vy unchanged (an idle input of a player standing still, or a push against the
 * world's edge) is a no-op from that state. After a restart the room resumes at the stored position with the older
 * seq; the client re-sends its unacked inputs after welcome's lastInputSeq, and any of the skipped seqs it sends
 * again replay from the same state to the same state (the sim is deterministic), while stale ones are ignored. So
 * the resumed position is exactly the one it would be had the seq been written. Skipping it is what lets a room of
 * players standing still (whose clients still send an idle input every step) write nothing at all.
 */
export class Checkpointer {
  /** What the stored checkpoint row lists: entity key → entry. */
  private written = new Map<string, CheckpointEntry>();

  constructor(
    private readonly storage: Pick<DurableObjectStorage, "transactionSync">,
    private readonly profiles: CharacterProfileStore,
    private readonly checkpoints: RoomCheckpointStore,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * On start: folds the last checkpoint into the characters' profile rows and empties it. Returns the tick to
   * continue from: the checkpoint's, or `fallbackTick` (rooms whose tick was kept in room_meta) if that is later.
   */
  hydrate(fallbackTick: number): number {
    const last = this.checkpoints.load();
    if (!last) return fallbackTick;
    if (last.players.length > 0) {
      this.storage.transactionSync(() => {
        for (const entry of last.players) this.profiles.savePosition(entry, last.writtenAt);
        this.checkpoints.save({ ...last, players: [] });
      });
    }
    this.written.clear();
    return Math.max(last.tick, fallbackTick);
  }

  /**
   * A checkpoint if anything changed since the last one: characters that arrived get their profile rows, and the
   * room row is rewritten. Writes nothing when every present character stands where it stood.
   */
  write(world: RoomWorld): void {
    const entries = new Map<string, CheckpointEntry>();
    for (const player of world.players.values()) entries.set(keyOf(player.playerId, player.character.id), entryOf(world, player));
    const arrivals = [...world.players.values()].filter((p) => !this.written.has(keyOf(p.playerId, p.character.id)));
    if (arrivals.length === 0 && !this.changed(entries)) return;
    const now = this.now();
    this.storage.transactionSync(() => {
      if (arrivals.length > 0) this.profiles.save(arrivals.map((p) => world.profile(p)), now);
      this.checkpoints.save({ tick: world.tick, writtenAt: now, players: [...entries.values()] });
    });
    this.written = entries;
  }

  /** `player` is about to leave the world (or switch character): its profile rows and a checkpoint without it. */
  leaving(world: RoomWorld, player: PlayerEntity): void {
    const entries = new Map<string, CheckpointEntry>();
    for (const p of world.players.values()) if (p !== player) entries.set(keyOf(p.playerId, p.character.id), entryOf(world, p));
    const now = this.now();
    this.storage.transactionSync(() => {
      this.profiles.save([world.profile(player)], now);
      this.checkpoints.save({ tick: world.tick, writtenAt: now, players: [...entries.values()] });
    });
    this.written = entries;
  }

  /**
   * Someone moved, or the set of present characters is not the one on record. A lastInputSeq that went up alone
   * does not count (see the class comment); one that went down (a fresh client restarted its numbering) does, so a
   * resume after a restart never claims inputs the new client has not sent.
   */
  private changed(entries: ReadonlyMap<string, CheckpointEntry>): boolean {
    if (entries.size !== this.written.size) return true;
    for (const [key, now] of entries) {
      const then = this.written.get(key);
      if (!then || then.x !== now.x || then.y !== now.y || then.vx !== now.vx || then.vy !== now.vy) return true;
      if (now.lastInputSeq < then.lastInputSeq) return true;
    }
    return false;
  }
}

function keyOf(userId: string, characterId: string): string {
  return `${userId}\u0000${characterId}`;
}

function entryOf(world: RoomWorld, player: PlayerEntity): CheckpointEntry {
  const { sim } = world;
  return {
    userId: player.playerId,
    characterId: player.character.id,
    x: sim.bodies.x(player.slot),
    y: sim.bodies.y(player.slot),
    vx: sim.bodies.vx(player.slot),
    vy: sim.bodies.vy(player.slot),
    lastInputSeq: player.inputs.lastAppliedSeq,
  };
}
