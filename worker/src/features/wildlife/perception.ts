import type { BodyGrid } from "../../room/interest/body-grid.ts";
import type { Body, RoomWorld } from "../../room/room-world.ts";
import type { Sighting } from "./brain.ts";
import type { Species } from "./species.ts";

/**
 * How far a creature of `species` looks: a player beyond its forget radius (or, when calm, its notice radius) is as
 * good as none to its brain (brain.ts `think`), so one further away need not be found.
 */
export function sightOf(species: Species): number {
  return Math.max(species.noticeRadius, species.forgetRadius);
}

/**
 * The living players that creatures notice this step (not the spawn-protected: a newcomer reading the page is
 * neither chased nor fled from), found in the room's body grid (RoomWorld.bodyGrid): a creature looks at the cells
 * within its sight, so 50 creatures among 1,000 players cost the players near each, not 50,000 distance checks.
 */
export class PlayerPositions {
  private world: RoomWorld | undefined;
  private grid: BodyGrid | undefined;
  private combat: { alive: ArrayLike<number | boolean>; spawnProtected: ArrayLike<number | boolean> } | undefined;
  private active: ArrayLike<number | boolean> = [];
  /** What `nearest` answers with: one object, rewritten by each call (a brain reads it before the next creature looks). */
  private readonly sighting = { dx: 0, dy: 0, distance: 0 };
  private best = { order: -1, distanceSq: Infinity, body: undefined as Body | undefined };

  read(world: RoomWorld): this {
    this.world = world;
    this.grid = world.bodyGrid.current();
    this.active = world.sim.bodies.view().active;
    this.combat = world.sim.combat.view();
    return this;
  }

  /**
   * The nearest living player within `within` metres of (x, y) (by default at any distance), if any (ties: the
   * earlier-joined one, so replays agree). The answer is valid until the next call.
   */
  nearest(x: number, y: number, within = Infinity): Sighting | undefined {
    const { world, grid, combat, active } = this;
    if (!world || !grid || !combat) return undefined;
    const best = this.best;
    best.order = -1;
    best.distanceSq = Infinity;
    best.body = undefined;
    grid.forEachNear(x, y, within, (body, distanceSq, order) => {
      if (!("playerId" in body)) return;
      const { slot } = body;
      if (!active[slot] || !combat.alive[slot] || combat.spawnProtected[slot]) return;
      if (distanceSq < best.distanceSq || (distanceSq === best.distanceSq && order < best.order)) {
        best.order = order;
        best.distanceSq = distanceSq;
        best.body = body;
      }
    });
    const seen = best.body as Body | undefined;
    if (!seen) return undefined;
    const bodies = world.sim.bodies.view();
    const { sighting } = this;
    sighting.dx = bodies.x[seen.slot]! - x;
    sighting.dy = bodies.y[seen.slot]! - y;
    sighting.distance = Math.sqrt(best.distanceSq);
    return sighting;
  }
}
