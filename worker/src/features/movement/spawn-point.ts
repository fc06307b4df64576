/**
 * Where a player with no checkpoint appears: a point on a ring of radius 4–8 m around the origin chosen from a hash
 * of the player id, so players arriving together do not stack on one spot, and the same player always gets the
 * same place. Snapped to the sim's grid by the sim itself.
 */
export function spawnPoint(playerId: string): { x: number; y: number } {
  let h = 0x811c9dc5;
  for (let i = 0; i < playerId.length; i++) {
    h ^= playerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radius = 4 + ((h >>> 16) / 0x10000) * 4;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}
