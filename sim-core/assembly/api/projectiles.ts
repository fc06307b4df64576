// Projectiles (projectiles.ts), in slots 0 .. PROJECTILE_CAPACITY-1. Reads of a slot not in flight give 0 (owner
// and weapon -1).

import * as combat from "../combat";
import { P_OWNER_PTR, P_VX_PTR, P_VY_PTR, P_WEAPON_PTR, P_X_PTR, P_Y_PTR, loadF64, loadI32, loadU8 } from "../layout";
import * as projectiles from "../projectiles";

/** Advances the projectiles alone by one step (the page's predicted steps); bodies and history stay as they are. */
export function stepProjectiles(): void {
  projectiles.advanceProjectiles();
}
export function setSpawnProjectiles(enabled: bool): void {
  combat.setSpawnEnabled(enabled);
}
export function projectileEnd(): i32 {
  return projectiles.getProjectileEnd();
}
export function isProjectileActive(p: i32): bool {
  return projectiles.isProjectileActive(p);
}
export function projectileX(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_X_PTR, p) : 0.0;
}
export function projectileY(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_Y_PTR, p) : 0.0;
}
export function projectileVX(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_VX_PTR, p) : 0.0;
}
export function projectileVY(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_VY_PTR, p) : 0.0;
}
export function projectileOwner(p: i32): i32 {
  return projectiles.isProjectileActive(p) ? loadI32(P_OWNER_PTR, p) : -1;
}
export function projectileWeapon(p: i32): i32 {
  return projectiles.isProjectileActive(p) ? <i32>loadU8(P_WEAPON_PTR, p) : -1;
}
export function lostShots(): i32 {
  return projectiles.getLostShots();
}

// Where the pool's arrays lie in the exported memory, for typed-array views (immutable globals): x, y, vx, vy are
// f64, owner i32, active u8, each × PROJECTILE_CAPACITY.
export {
  P_X_PTR as projectileXPtr,
  P_Y_PTR as projectileYPtr,
  P_VX_PTR as projectileVXPtr,
  P_VY_PTR as projectileVYPtr,
  P_OWNER_PTR as projectileOwnerPtr,
  P_ACTIVE_PTR as projectileActivePtr,
} from "../layout";
