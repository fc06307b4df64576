/** Players online in a room, from `GET /api/rooms/:code`; undefined when the room cannot be asked. */
export async function fetchPlayersOnline(code: string, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const response = await fetch(`/api/rooms/${encodeURIComponent(code)}`, signal ? { signal } : {});
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null || !("playersOnline" in body)) return undefined;
    const { playersOnline } = body;
    return typeof playersOnline === "number" && Number.isInteger(playersOnline) && playersOnline >= 0 ? playersOnline : undefined;
  } catch {
    return undefined;
  }
}
