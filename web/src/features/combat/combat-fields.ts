import { Channel, type CombatFields, type ProjectileFields, type Replica, isFiniteNumber } from "@edgehold/protocol";

export type { ProjectileFields };

/** One entity's entry of the `combat` channel, read field by field (the replica holds untyped server data). */
export function readCombat(fields: Readonly<Record<string, unknown>> | undefined): CombatFields | undefined {
  if (!fields) return undefined;
  const { hp, maxHp, alive, stamina, kills, deaths, respawnAt } = fields;
  if (!isFiniteNumber(hp) || !isFiniteNumber(maxHp) || typeof alive !== "boolean") return undefined;
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
