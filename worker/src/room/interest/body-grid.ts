import type { WorldRules } from "@edgehold/protocol";
import type { Body, PlayerEntity, RoomWorld } from "../room-world.ts";
import { UniformGrid } from "./uniform-grid.ts";

/**
 * Cells of 16 m: a chat's `nearby` (20 m) visits 3 × 3 to 4 × 4 cells, a view (64 + 8 m) about 10 × 10, and in a
 * plaza of 1,000 players over 512 m a cell holds about one body, so a query tests about as many bodies as lie near.
 * Also the size of the `build` channel's chunks (see interest/chunk-filter.ts).
 */
export const CELL_METRES = 16;

/** Why the grid was last rebuilt: the world's positions as of this tick, roster and server-side moves. */
interface BuiltFor {
  tick: number;
  roster: number;
  moves: number;
}

/**
 * Where every body of the world is (players in join order, then creatures), in a uniform grid: rebuilt at most once
 * per simulation step, when first asked after positions may have moved (a step, a join or leave, a server-side move;
 * see RoomWorld.movesVersion). Between steps it answers with the last step's positions, which is what every client was
 * last shown. A rebuild is O(bodies); a query O(bodies near).
 */
export class BodyGrid {
  private readonly grid: UniformGrid;
  private readonly bodies: Body[] = [];
  private readonly indexOf = new Map<string, number>();
  private builtFor: BuiltFor = { tick: -1, roster: -1, moves: -1 };

  constructor(
    private readonly world: RoomWorld,
    bounds: WorldRules,
  ) {
    // Tiles are 1 m: the world spans minTile .. maxTile + 1 metres on each axis.
    this.grid = new UniformGrid(bounds.minTile, bounds.minTile, bounds.maxTile + 1 - bounds.minTile, CELL_METRES);
  }

  /** The grid as of the world now (rebuilt if positions may have moved since it was built). */
  current(): this {
    const { world, builtFor } = this;
    if (builtFor.tick === world.tick && builtFor.roster === world.rosterVersion && builtFor.moves === world.movesVersion) return this;
    this.builtFor = { tick: world.tick, roster: world.rosterVersion, moves: world.movesVersion };
    const { x, y } = world.sim.bodies.view();
    const { bodies, indexOf, grid } = this;
    bodies.length = 0;
    indexOf.clear();
    for (const player of world.players.values()) bodies.push(player);
    for (const creature of world.creatures.values()) bodies.push(creature);
    grid.reset(bodies.length);
    for (let i = 0; i < bodies.length; i++) {
      const body = bodies[i]!;
      indexOf.set(body.entityId, i);
      grid.set(i, x[body.slot]!, y[body.slot]!);
    }
    grid.index();
    return this;
  }

  /** The body with this entity id (a player's or a creature's), if it is in the world. */
  body(entityId: string): Body | undefined {
    const i = this.indexOf.get(entityId);
    return i === undefined ? undefined : this.bodies[i];
  }

  /** Where entity `entityId`'s body is, or undefined for an entity not in the world. */
  position(entityId: string): { x: number; y: number } | undefined {
    const i = this.indexOf.get(entityId);
    return i === undefined ? undefined : { x: this.grid.x(i), y: this.grid.y(i) };
  }

  /**
   * The bodies within `radius` of (x, y): how many; `bodyFound(k)` and `distanceSqFound(k)` for k < count (valid until
   * the next query). A view's query, which allocates nothing.
   */
  near(x: number, y: number, radius: number): number {
    return this.grid.near(x, y, radius);
  }

  bodyFound(k: number): Body {
    return this.bodies[this.grid.found[k]!]!;
  }

  distanceSqFound(k: number): number {
    return this.grid.foundSq[k]!;
  }

  /**
   * Calls `visit` for every body within `radius` of (x, y) with its squared distance and its join order (players
   * first, in the order they joined: what breaks a tie the same way in every replay).
   */
  forEachNear(x: number, y: number, radius: number, visit: (body: Body, distanceSq: number, order: number) => void): void {
    this.grid.forEachNear(x, y, radius, (i, distanceSq) => visit(this.bodies[i]!, distanceSq, i));
  }

  /** The players within `radius` of entity `entityId`'s body (itself included), in join order. */
  playersNear(entityId: string, radius: number): PlayerEntity[] {
    const at = this.position(entityId);
    if (!at) return [];
    const found: number[] = [];
    this.grid.forEachNear(at.x, at.y, radius, (i) => {
      if ("playerId" in this.bodies[i]!) found.push(i);
    });
    return found.sort((a, b) => a - b).map((i) => this.bodies[i] as PlayerEntity);
  }
}
