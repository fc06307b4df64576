import type { ProjectileFields } from "./combat-fields.ts";

/** One projectile of the room as the page saw it in the channel. */
interface Seen {
  fields: ProjectileFields;
  /** Server time of the snapshot that last listed it (its fields are as of then). */
  at: number;
  /** Server time of the first snapshot that listed it: it is not drawn before (the shooter is drawn in the past). */
  firstAt: number;
  /** Server time of the snapshot it was gone from (it hit or expired in between), or undefined while listed. */
  goneAt: number | undefined;
}

/** A projectile of the room to draw at the render time. */
export interface RoomProjectileView extends ProjectileFields {
  id: string;
}

/**
 * The others' projectiles drawn like the other entities: at the render time (~100 ms behind the newest snapshot).
 * A projectile flies straight at a constant velocity, so its position at any time between two listings is its last
 * listing moved along its velocity: exact, without keeping a history. It shows from the snapshot that first lists
 * it; once gone, it is drawn until halfway to the snapshot that no longer lists it (it stopped somewhere in there),
 * so a hit is not drawn flying on through the target for a whole snapshot interval.
 */
export class RoomProjectiles {
  private readonly seen = new Map<string, Seen>();
  private lastSnapshotAt: number | undefined;

  /** One snapshot's projectile channel (id → fields), at its server time; the same snapshot again is a no-op. */
  observe(channel: Iterable<[string, ProjectileFields]>, serverTime: number): void {
    if (serverTime === this.lastSnapshotAt) return;
    this.lastSnapshotAt = serverTime;
    const listed = new Set<string>();
    for (const [id, fields] of channel) {
      listed.add(id);
      const known = this.seen.get(id);
      if (known) {
        known.fields = fields;
        known.at = serverTime;
      } else {
        this.seen.set(id, { fields, at: serverTime, firstAt: serverTime, goneAt: undefined });
      }
    }
    for (const [id, known] of this.seen) if (!listed.has(id) && known.goneAt === undefined) known.goneAt = serverTime;
  }

  /** Writes the projectiles to draw at server time `renderTime` (those `skip` accepts are left out). */
  sample(renderTime: number, skip: (p: ProjectileFields) => boolean, out: RoomProjectileView[]): void {
    out.length = 0;
    for (const [id, known] of this.seen) {
      if (known.goneAt !== undefined && renderTime >= known.at + (known.goneAt - known.at) / 2) {
        // Drawn time has passed it: nothing left to show (kept until then so the render time can reach it).
        this.seen.delete(id);
        continue;
      }
      if (renderTime < known.firstAt || skip(known.fields)) continue;
      const { x, y, vx, vy, owner, seq } = known.fields;
      const seconds = (renderTime - known.at) / 1000;
      out.push({ id, x: x + vx * seconds, y: y + vy * seconds, vx, vy, owner, seq });
    }
  }

  clear(): void {
    this.seen.clear();
    this.lastSnapshotAt = undefined;
  }
}
