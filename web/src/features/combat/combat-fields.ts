import { Channel, type CombatFields, type ProjectileFields, type Replica, isFiniteNumber } from "@edgehold/protocol";

export type { ProjectileFields };

/** One entity's entry of the `combat` channel, read field by field (the replica holds untyped server data). */
export function readCombat(fields: UntypedEntry | undefined): CombatFields | undefined {
  if (!isCombatEntry(fields)) return undefined;
  const { hp, maxHp, alive, stamina, kills, deaths, respawnAt } = fields;
  return {
    hp,
    maxHp,
    alive,
    stamina: isFiniteNumber(stamina) ? stamina : undefined,
    kills: isFiniteNumber(kills) ? kills : 0,
    deaths: isFiniteNumber(deaths) ? deaths : 0,
    respawnAt: isFiniteNumber(respawnAt) ? respawnAt : undefined,
  };
}

/**
 * Whether a combat entry says alive (an unknown entity is: it has not been seen to die). Reads the one field, where
 * `readCombat` would build the whole entry: per-step callers over every body make no garbage.
 */
export function aliveOrUnknown(fields: UntypedEntry | undefined): boolean {
  return !isCombatEntry(fields) || fields.alive;
}

/** A known combat entry that says alive, read without building the entry (HP bars, every frame). */
export function isAliveEntry(fields: UntypedEntry | undefined): fields is CombatEntry & { alive: true } {
  return isCombatEntry(fields) && fields.alive;
}

type UntypedEntry = Readonly<Record<string, unknown>>;
type CombatEntry = UntypedEntry & { hp: number; maxHp: number; alive: boolean };

/** An entry with the fields every combat entry has (the rest are optional). */
function isCombatEntry(fields: UntypedEntry | undefined): fields is CombatEntry {
  return fields !== undefined && isFiniteNumber(fields.hp) && isFiniteNumber(fields.maxHp) && typeof fields.alive === "boolean";
}

/** The combat entry of `entityId` in the replica, if known. */
export function combatOf(replica: Replica, entityId: string | undefined): CombatFields | undefined {
  return entityId === undefined ? undefined : readCombat(replica.get(Channel.combat)?.get(entityId));
}

export function readProjectile(fields: Readonly<Record<string, unknown>> | undefined): ProjectileFields | undefined {
  if (!fields) return undefined;
  const { x, y, vx, vy, owner, seq } = fields;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(vx) || !isFiniteNumber(vy) || !isFiniteNumber(seq)) return undefined;
  if (typeof owner !== "string" && typeof owner !== "number") return undefined;
  return { x, y, vx, vy, owner: String(owner), seq };
}
