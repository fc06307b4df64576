// A body's combat state and its per-step rules. Everything here counts per BODY step (a world step where the body
// had an input, or its own catch-up step), never per world tick, so cooldown and stamina depend only on the body's
// own inputs and the page predicts them exactly.
//
// One body step: the cooldown counts down by one and stamina regenerates (capped at MAX_STAMINA); a dead body's
// input is treated as 0; the body moves (movement.ts); then, if the input has the fire bit, the body fires from
// its new position along the input's aim when it is alive, has a weapon, its cooldown is 0, it has the weapon's
// staminaCost and the aim is a non-zero finite vector. Firing spends the stamina, sets the cooldown to the
// weapon's cooldownSteps (so holding fire fires every cooldownSteps steps) and spawns a projectile (unless the
// host turned spawning off for its replays). Otherwise the fire bit is ignored.

import { INPUT_FIRE, MAX_REWIND_STEPS, MAX_STAMINA, MOVE_MASK, STAMINA_REGEN_PER_STEP } from "./constants";
import { resetHistory } from "./history";
import {
  AIM_X_PTR,
  AIM_Y_PTR,
  ALIVE_PTR,
  PROTECTED_PTR,
  COOLDOWN_PTR,
  HP_PTR,
  MAX_HP_PTR,
  REWIND_PTR,
  STAMINA_PTR,
  WEAPON_PTR,
  X_PTR,
  Y_PTR,
  loadF64,
  loadI32,
  loadU8,
  storeF64,
  storeI32,
  storeU8,
} from "./layout";
import { stepEntity } from "./movement";
import { spawnProjectile } from "./projectiles";
import { STAT_COOLDOWN_STEPS, STAT_STAMINA_COST, WEAPON_COUNT, WEAPON_NONE, canAttack, weaponStat } from "./weapons";

/** False while the host replays inputs it already predicted: fire still spends cooldown and stamina, spawns nothing. */
let spawnEnabled: bool = true;

export function setSpawnEnabled(enabled: bool): void {
  spawnEnabled = enabled;
}

/** The combat state of a fresh body: no weapon, 0 of 0 hp, alive, full stamina, ready, no rewind. */
export function resetCombat(slot: i32): void {
  storeU8(WEAPON_PTR, slot, <u8>WEAPON_NONE);
  storeU8(ALIVE_PTR, slot, 1);
  storeU8(PROTECTED_PTR, slot, 0);
  storeU8(REWIND_PTR, slot, 0);
  storeI32(HP_PTR, slot, 0);
  storeI32(MAX_HP_PTR, slot, 0);
  storeI32(COOLDOWN_PTR, slot, 0);
  storeF64(STAMINA_PTR, slot, MAX_STAMINA);
  storeF64(AIM_X_PTR, slot, 0.0);
  storeF64(AIM_Y_PTR, slot, 0.0);
  resetHistory(slot);
}

/** True if the body's combat state is that of a fresh body (stateHash() then adds nothing for it). */
export function hasDefaultCombat(slot: i32): bool {
  return (
    loadU8(WEAPON_PTR, slot) == <u8>WEAPON_NONE &&
    loadU8(ALIVE_PTR, slot) == 1 &&
    loadU8(REWIND_PTR, slot) == 0 &&
    loadI32(HP_PTR, slot) == 0 &&
    loadI32(MAX_HP_PTR, slot) == 0 &&
    loadI32(COOLDOWN_PTR, slot) == 0 &&
    loadF64(STAMINA_PTR, slot) == MAX_STAMINA
  );
}

/** Gives a body a weapon (unknown → none) and full hp (maxHp ≥ 1), stamina and readiness; alive. */
export function setCombat(slot: i32, weapon: i32, maxHp: i32): void {
  storeU8(WEAPON_PTR, slot, <u8>(<u32>weapon < <u32>WEAPON_COUNT ? weapon : WEAPON_NONE));
  const hp = maxHp > 0 ? maxHp : 1;
  storeI32(MAX_HP_PTR, slot, hp);
  storeI32(HP_PTR, slot, hp);
  storeU8(ALIVE_PTR, slot, 1);
  storeI32(COOLDOWN_PTR, slot, 0);
  storeF64(STAMINA_PTR, slot, MAX_STAMINA);
}

/** hp clamped to [0, maxHp]. Does not change whether the body is alive. */
export function setHp(slot: i32, hp: i32): void {
  const max = loadI32(MAX_HP_PTR, slot);
  storeI32(HP_PTR, slot, hp < 0 ? 0 : hp > max ? max : hp);
}

/** Stamina clamped to [0, MAX_STAMINA] (NaN → 0). */
export function setStamina(slot: i32, stamina: f64): void {
  storeF64(STAMINA_PTR, slot, stamina >= 0.0 ? (stamina < MAX_STAMINA ? stamina : MAX_STAMINA) : 0.0);
}

/** Cooldown clamped to ≥ 0. */
export function setCooldown(slot: i32, steps: i32): void {
  storeI32(COOLDOWN_PTR, slot, steps > 0 ? steps : 0);
}

/** Rewind for the projectiles this body fires from now on, clamped to 0..MAX_REWIND_STEPS. */
export function setRewind(slot: i32, steps: i32): void {
  storeU8(REWIND_PTR, slot, <u8>(steps < 0 ? 0 : steps > MAX_REWIND_STEPS ? MAX_REWIND_STEPS : steps));
}

/** Stores the aim of a queued input. */
export function setAim(slot: i32, aimX: f64, aimY: f64): void {
  storeF64(AIM_X_PTR, slot, aimX);
  storeF64(AIM_Y_PTR, slot, aimY);
}

/**
 * One body step with input `bits` (already masked to INPUT_MASK): see the rules at the top of this file. Inlined
 * into step()'s loop, and the bookkeeping of a ready, rested body is two loads and two untaken branches, so a
 * movement-only world pays little for combat.
 */
// @ts-ignore: decorator
@inline
export function stepBodyWithInput(slot: i32, bits: i32): void {
  let cooldown = loadI32(COOLDOWN_PTR, slot);
  if (cooldown != 0) {
    cooldown--;
    storeI32(COOLDOWN_PTR, slot, cooldown);
  }
  const stamina = loadF64(STAMINA_PTR, slot);
  if (stamina < MAX_STAMINA) regenerate(slot, stamina);
  if (loadU8(ALIVE_PTR, slot) == 0) bits = 0;
  stepEntity(slot, bits & MOVE_MASK);
  if ((bits & INPUT_FIRE) != 0 && cooldown == 0) fire(slot);
}

function regenerate(slot: i32, stamina: f64): void {
  const regenerated = stamina + STAMINA_REGEN_PER_STEP;
  storeF64(STAMINA_PTR, slot, regenerated < MAX_STAMINA ? regenerated : MAX_STAMINA);
}

function fire(slot: i32): void {
  const weapon = <i32>loadU8(WEAPON_PTR, slot);
  if (!canAttack(weapon)) return;
  const stamina = loadF64(STAMINA_PTR, slot);
  const cost = weaponStat(weapon, STAT_STAMINA_COST);
  if (stamina < cost) return;
  const aimX = loadF64(AIM_X_PTR, slot);
  const aimY = loadF64(AIM_Y_PTR, slot);
  const lengthSq = aimX * aimX + aimY * aimY;
  // Rejects a zero aim, NaN (every comparison is false) and ±Infinity.
  if (!(lengthSq > 0.0 && lengthSq < Infinity)) return;
  storeF64(STAMINA_PTR, slot, stamina - cost);
  storeI32(COOLDOWN_PTR, slot, <i32>weaponStat(weapon, STAT_COOLDOWN_STEPS));
  if (!spawnEnabled) return;
  const length = Math.sqrt(lengthSq);
  spawnProjectile(slot, weapon, loadF64(X_PTR, slot), loadF64(Y_PTR, slot), aimX / length, aimY / length);
}
