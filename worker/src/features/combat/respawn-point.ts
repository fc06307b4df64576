/**
 * Where a dead player comes back: a point on the ring of radius 4–8 m around the origin where players first
 * appear, chosen from the player id and their death count, so a player does not respawn on the spot where they
 * were just camped, and a replay of the same fight respawns them at the same places.
 */
export function respawnPoint(playerId: string, deaths: number): { x: number; y: number } {
  let h = 0x811c9dc5;
  const key = `${playerId}#${deaths}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radius = 4 + ((h >>> 16) / 0x10000) * 4;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}
