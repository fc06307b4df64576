import { Channel, type Replica } from "@edgehold/protocol";

/** Who plays an entity, read from the replica's presence channel. */
export interface PresenceInfo {
  entityId: string;
  playerId: string;
  name: string;
  connected: boolean;
  /** `#rrggbb`, or undefined when the server sent none (or something else). */
  color: string | undefined;
  /** A player, or a creature of the room's wildlife (an entry without `kind` is a player: older rooms send none). */
  kind: "player" | "creature";
  /** A creature's species (`deer`, `wolf`, …); undefined for players. */
  species: string | undefined;
  /** A player's character class (its weapon); undefined for creatures. */
  characterClass: string | undefined;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads one presence entry, field by field (the replica holds untyped server data). */
export function readPresence(entityId: string, fields: Readonly<Record<string, unknown>>): PresenceInfo {
  const { playerId, name, connected, color, kind, species, characterClass } = fields;
  return {
    entityId,
    playerId: typeof playerId === "string" ? playerId : "",
    name: typeof name === "string" && name.length > 0 ? name : `player ${entityId}`,
    connected: connected !== false,
    color: typeof color === "string" && COLOR.test(color) ? color : undefined,
    kind: kind === "creature" ? "creature" : "player",
    species: kind === "creature" && typeof species === "string" ? species : undefined,
    characterClass: typeof characterClass === "string" ? characterClass : undefined,
  };
}

/** The presence of one entity in the replica, if it has an entry. */
export function presenceOf(replica: Replica, entityId: string | undefined): PresenceInfo | undefined {
  if (entityId === undefined) return undefined;
  const fields = replica.get(Channel.presence)?.get(entityId);
  return fields && readPresence(entityId, fields);
}

/**
 * Every entry of the replica's presence channel (players and creatures) by entity id, each read once: a frame builds
 * it once and its drawing steps look entities up in it.
 */
export function presenceById(replica: Replica): Map<string, PresenceInfo> {
  const byId = new Map<string, PresenceInfo>();
  for (const [id, fields] of replica.get(Channel.presence) ?? []) byId.set(id, readPresence(id, fields));
  return byId;
}

/** The entries of one kind (players, or creatures) of the replica's presence channel, in entity order. */
export function presenceOfKind(replica: Replica, kind: PresenceInfo["kind"]): PresenceInfo[] {
  const list: PresenceInfo[] = [];
  for (const [id, fields] of replica.get(Channel.presence) ?? []) {
    const info = readPresence(id, fields);
    if (info.kind === kind) list.push(info);
  }
  return list.sort((a, b) => Number(a.entityId) - Number(b.entityId));
}

/**
 * presenceById, read again only when a snapshot may have changed the presence channel (its channelVersion): the
 * room's roster is read once per change, not once per frame (~0.13 ms a frame for a 1,000-player plaza).
 */
export class PresenceByIdCache {
  private version = -1;
  private byId = new Map<string, PresenceInfo>();

  read(replica: Replica, version: number): ReadonlyMap<string, PresenceInfo> {
    if (version !== this.version) {
      this.byId = presenceById(replica);
      this.version = version;
    }
    return this.byId;
  }
}
