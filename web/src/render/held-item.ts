import { Weapon } from "@edgehold/sim-core";

/**
 * What an avatar holds, drawn from its class's weapon (the sim's table: weaponOfClass): the one mapping from weapon
 * to item, read by the room's avatars (avatar-parts.ts), the characters page's preview and its weapon facts. No
 * three.js here: the lobby's chunk imports it.
 */
export const HELD_ITEMS = ["axe", "bow", "staff", "daggers"] as const;
export type HeldItem = (typeof HELD_ITEMS)[number] | "none";

/** The item drawn for a weapon: the arrow is fired from a bow, the bolt from a staff. */
export function heldItemOf(weapon: Weapon): HeldItem {
  switch (weapon) {
    case Weapon.axe:
      return "axe";
    case Weapon.arrow:
      return "bow";
    case Weapon.bolt:
      return "staff";
    case Weapon.dagger:
      return "daggers";
    default:
      return "none";
  }
}

/** Each item as a player names it (the characters page). */
export const HELD_ITEM_NAMES: Readonly<Record<HeldItem, string>> = {
  axe: "throwing axe",
  bow: "bow",
  staff: "staff",
  daggers: "daggers",
  none: "none",
};
