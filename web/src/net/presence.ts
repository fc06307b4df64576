/** Who plays an entity, read from the replica's presence channel. */
export interface PresenceInfo {
  entityId: string;
  playerId: string;
  name: string;
  connected: boolean;
  /** `#rrggbb`, or undefined when the server sent none (or something else). */
  color: string | undefined;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads one presence entry, field by field (the replica holds untyped server data). */
export function readPresence(entityId: string, fields: Readonly<Record<string, unknown>>): PresenceInfo {
  const { playerId, name, connected, color } = fields;
  return {
    entityId,
    playerId: typeof playerId === "string" ? playerId : "",
    name: typeof name === "string" && name.length > 0 ? name : `player ${entityId}`,
    connected: connected !== false,
    color: typeof color === "string" && COLOR.test(color) ? color : undefined,
  };
}
