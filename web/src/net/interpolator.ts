import { teleportedBetween, type Kinematics } from "./kinematics.ts";
import type { SnapshotBuffer } from "./snapshot-buffer.ts";

/**
 * Where each entity is at a given server time: linear between the two snapshots around it; past the newest
 * snapshot, extrapolated along its velocity for at most `maxExtrapolationMs` (one snapshot interval), then held.
 * A body the room moved between the two snapshots (a respawn: their teleport counters differ) is not slid across
 * the world: it is drawn at its new place as soon as the render time passes the snapshot before the jump.
 */
export class Interpolator {
  /** The world's position bounds (m) extrapolation stays within: ±worldHalfExtent until `setWorld`. */
  private minPosition: number;
  private maxPosition: number;

  constructor(
    private readonly buffer: SnapshotBuffer,
    private readonly maxExtrapolationMs: number,
    worldHalfExtent: number,
  ) {
    this.minPosition = -worldHalfExtent;
    this.maxPosition = worldHalfExtent;
  }

  /** The room's world (its welcome's): bodies lie in [minTile, maxTile + 1] m on each axis. */
  setWorld(world: { readonly minTile: number; readonly maxTile: number }): void {
    this.minPosition = world.minTile;
    this.maxPosition = world.maxTile + 1;
  }

  /**
   * Writes every entity's state at `serverTime` into `out`, reusing its objects (no allocation per frame for a
   * stable room) and deleting entities that are gone. Returns how far past the newest snapshot it had to
   * extrapolate (ms, 0 when interpolating).
   */
  sampleInto(serverTime: number, out: Map<string, Kinematics>): number {
    const frames = this.buffer.frames;
    const newest = frames[frames.length - 1];
    if (!newest) {
      out.clear();
      return 0;
    }
    out.forEach((_, id) => {
      if (!newest.entities.has(id)) out.delete(id);
    });

    if (serverTime >= newest.serverTime) {
      const aheadMs = serverTime - newest.serverTime;
      const seconds = Math.min(aheadMs, this.maxExtrapolationMs) / 1000;
      // forEach, not for…of entries: every frame over every entity, and entry pairs would be garbage.
      newest.entities.forEach((s, id) => {
        write(out, id, this.clampAxis(s.x + s.vx * seconds), this.clampAxis(s.y + s.vy * seconds), s.vx, s.vy);
      });
      return aheadMs;
    }

    let older = frames[0]!;
    let newer = older;
    for (let i = frames.length - 1; i > 0; i--) {
      if (frames[i - 1]!.serverTime <= serverTime) {
        older = frames[i - 1]!;
        newer = frames[i]!;
        break;
      }
    }
    if (serverTime <= older.serverTime) newer = older;
    const span = newer.serverTime - older.serverTime;
    const t = span > 0 ? (serverTime - older.serverTime) / span : 1;
    newest.entities.forEach((b, id) => {
      const to = newer.entities.get(id) ?? b;
      const before = older.entities.get(id);
      // Somewhere between these snapshots the body jumped; no point on the line between them is a place it was.
      const from = before === undefined || teleportedBetween(before, to) ? to : before;
      write(out, id, lerp(from.x, to.x, t), lerp(from.y, to.y, t), lerp(from.vx, to.vx, t), lerp(from.vy, to.vy, t));
    });
    return 0;
  }

  private clampAxis(value: number): number {
    return Math.max(this.minPosition, Math.min(this.maxPosition, value));
  }
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function write(out: Map<string, Kinematics>, id: string, x: number, y: number, vx: number, vy: number): void {
  const existing = out.get(id);
  if (existing) {
    existing.x = x;
    existing.y = y;
    existing.vx = vx;
    existing.vy = vy;
  } else {
    out.set(id, { x, y, vx, vy });
  }
}
