// Combat state of each body (combat.ts) and the events of the last steps (events.ts). Slots outside the pool are
// ignored; reads give 0.

import * as combat from "../combat";
import {
  ALIVE_PTR,
  COOLDOWN_PTR,
  HP_PTR,
  MAX_HP_PTR,
  PROTECTED_PTR,
  REWIND_PTR,
  STAMINA_PTR,
  WEAPON_PTR,
  loadF64,
  loadI32,
  loadU8,
  slotInRange,
  storeU8,
} from "../layout";
import { WEAPON_NONE } from "../weapons";
import { isActive } from "./bodies";

export { eventCount, eventWord, clearEvents, droppedEvents } from "../events";

export function setCombat(slot: i32, weapon: i32, maxHp: i32): void {
  if (isActive(slot)) combat.setCombat(slot, weapon, maxHp);
}
export function getWeapon(slot: i32): i32 {
  return slotInRange(slot) ? <i32>loadU8(WEAPON_PTR, slot) : WEAPON_NONE;
}
export function getHp(slot: i32): i32 {
  return slotInRange(slot) ? loadI32(HP_PTR, slot) : 0;
}
export function setHp(slot: i32, hp: i32): void {
  if (isActive(slot)) combat.setHp(slot, hp);
}
export function getMaxHp(slot: i32): i32 {
  return slotInRange(slot) ? loadI32(MAX_HP_PTR, slot) : 0;
}
export function isAlive(slot: i32): bool {
  return isActive(slot) && loadU8(ALIVE_PTR, slot) != 0;
}
export function setAlive(slot: i32, alive: bool): void {
  if (isActive(slot)) storeU8(ALIVE_PTR, slot, alive ? 1 : 0);
}
export function isSpawnProtected(slot: i32): bool {
  return isActive(slot) && loadU8(PROTECTED_PTR, slot) != 0;
}
export function setSpawnProtected(slot: i32, on: bool): void {
  if (isActive(slot)) storeU8(PROTECTED_PTR, slot, on ? 1 : 0);
}
export function getStamina(slot: i32): f64 {
  return slotInRange(slot) ? loadF64(STAMINA_PTR, slot) : 0.0;
}
export function setStamina(slot: i32, stamina: f64): void {
  if (isActive(slot)) combat.setStamina(slot, stamina);
}
export function getCooldown(slot: i32): i32 {
  return slotInRange(slot) ? loadI32(COOLDOWN_PTR, slot) : 0;
}
export function setCooldown(slot: i32, steps: i32): void {
  if (isActive(slot)) combat.setCooldown(slot, steps);
}
export function getRewind(slot: i32): i32 {
  return slotInRange(slot) ? <i32>loadU8(REWIND_PTR, slot) : 0;
}
export function setRewind(slot: i32, steps: i32): void {
  if (isActive(slot)) combat.setRewind(slot, steps);
}

// Where the combat arrays lie in the exported memory, for typed-array views (immutable globals): hp is i32, stamina
// f64, alive and spawn-protected u8, each × CAPACITY.
export { HP_PTR as hpPtr, STAMINA_PTR as staminaPtr, ALIVE_PTR as alivePtr, PROTECTED_PTR as spawnProtectedPtr } from "../layout";
