// Combat's public surface (registry.ts brings it into the package's exports).
export * from "./combat-feature.ts";
export * from "./combat-types.ts";
export * from "./combat-validators.ts";
export { packCombat, unpackCombat, type CompactCombatChannel } from "./combat-wire.ts";
export { packProjectiles, unpackProjectiles, type CompactProjectileChannel } from "./projectile-wire.ts";
