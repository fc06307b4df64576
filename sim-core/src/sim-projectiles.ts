import { assertProjectile } from "./checks.ts";
import type { SimExports } from "./wasm-exports.ts";
import type { BodyViews } from "./sim-bodies.ts";
import { WasmMemoryViews, kinematicArrays } from "./wasm-memory-views.ts";
import type { Weapon } from "./weapons.ts";

/**
 * Every projectile slot's state, read in place from the wasm's memory as BodyViews reads the bodies: `x[p]` is
 * `projectiles.x(p)` without a call. Only slots with `active[p]` 1 hold a projectile in flight.
 */
export interface ProjectileViews extends BodyViews {
  /** The body slot that fired it. */
  readonly owner: ArrayLike<number>;
}

/** Projectiles, in slots 0 .. PROJECTILE_CAPACITY-1. Reads of a slot not in flight give 0 (owner and weapon -1). */
export interface SimProjectiles {
  /**
   * Advances the projectiles alone by one step, exactly as the world `step()` does after the bodies (the page, whose
   * sim steps only its own body with `bodies.step`, calls it once per predicted step). Bodies and history do not
   * change.
   */
  step(): void;
  /**
   * When false, a fire input still spends its cooldown and stamina but spawns no projectile (the page's replays of
   * inputs whose projectiles it already predicted). True by default.
   */
  setSpawnEnabled(enabled: boolean): void;
  /** One past the highest projectile slot in flight (0 when none): scan `0 .. end-1`. */
  readonly end: number;
  isActive(p: number): boolean;
  x(p: number): number;
  y(p: number): number;
  /** Velocity (m/s), on the 1/256 grid. */
  vx(p: number): number;
  vy(p: number): number;
  /** The body slot that fired it. */
  owner(p: number): number;
  weapon(p: number): Weapon;
  /** Shots lost because every projectile slot was in flight (cooldown and stamina were spent). */
  readonly lostShots: number;
  /** The state of every projectile slot at once (see ProjectileViews): one call per pass. */
  view(): ProjectileViews;
}

type OwnProjectileViews = ProjectileViews & { end: number };

export class WasmProjectiles implements SimProjectiles {
  private readonly views: WasmMemoryViews<OwnProjectileViews>;

  constructor(private readonly wasm: SimExports) {
    const capacity = wasm.projectileCapacity();
    const at = { active: wasm.projectileActivePtr, x: wasm.projectileXPtr, y: wasm.projectileYPtr, vx: wasm.projectileVXPtr, vy: wasm.projectileVYPtr };
    this.views = new WasmMemoryViews(wasm.memory, (buffer) => ({
      end: 0,
      ...kinematicArrays(buffer, capacity, at),
      owner: new Int32Array(buffer, wasm.projectileOwnerPtr.value, capacity),
    }));
  }

  step(): void {
    this.wasm.stepProjectiles();
  }

  setSpawnEnabled(enabled: boolean): void {
    this.wasm.setSpawnProjectiles(enabled ? 1 : 0);
  }

  get end(): number {
    return this.wasm.projectileEnd();
  }

  isActive(p: number): boolean {
    assertProjectile(p);
    return this.wasm.isProjectileActive(p) !== 0;
  }

  x(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileX(p);
  }

  y(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileY(p);
  }

  vx(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileVX(p);
  }

  vy(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileVY(p);
  }

  owner(p: number): number {
    assertProjectile(p);
    return this.wasm.projectileOwner(p);
  }

  weapon(p: number): Weapon {
    assertProjectile(p);
    return this.wasm.projectileWeapon(p) as Weapon;
  }

  get lostShots(): number {
    return this.wasm.lostShots();
  }

  view(): ProjectileViews {
    const views = this.views.get();
    views.end = this.wasm.projectileEnd();
    return views;
  }
}
