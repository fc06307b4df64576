import type { Codec } from "@edgehold/protocol";

/** Where the page was loaded from: the socket goes to the same origin (the worker, or Vite's proxy to it). */
export interface PageOrigin {
  protocol: string;
  host: string;
}

/** `ws(s)://<host>/api/rooms/<code>/ws?…` with the identity params, display name, resume token and codec. */
export function roomSocketUrl(origin: PageOrigin, roomCode: string, params: Record<string, string | undefined>, codec: Codec): string {
  const url = new URL(`${origin.protocol === "https:" ? "wss:" : "ws:"}//${origin.host}/api/rooms/${encodeURIComponent(roomCode)}/ws`);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  if (codec !== "msgpack") url.searchParams.set("codec", codec);
  return url.toString();
}

/** The session token a socket URL carries (`?token=`), if any. */
export function sessionTokenOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).searchParams.get("token") ?? undefined;
  } catch {
    return undefined;
  }
}
