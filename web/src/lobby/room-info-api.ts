/**
 * Players online in a room, from `GET /api/rooms/:code`; undefined when the room cannot be asked (in Clerk mode
 * that includes being signed out: the server tells room counts to signed-in players only).
 */
export async function fetchPlayersOnline(code: string, headers: Record<string, string>, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const response = await fetch(`/api/rooms/${encodeURIComponent(code)}`, { headers, ...(signal ? { signal } : {}) });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null || !("players" in body)) return undefined;
    const { players } = body;
    return typeof players === "number" && Number.isInteger(players) && players >= 0 ? players : undefined;
  } catch {
    return undefined;
  }
}
