import { useCallback, useState } from "react";
import { usePolling } from "../app/polling.ts";
import { authHeaders } from "../identity/auth-request.ts";
import { useIdentity } from "../identity/identity-context.tsx";
import { fetchPlayersOnline } from "./room-info-api.ts";

/** Refresh every 5 s: live enough to see a friend arrive, cheap for a list of at most eight rooms. */
const REFRESH_MS = 5000;

/** Live player counts for the given rooms (code → count; missing while unknown). */
export function useRoomCounts(codes: readonly string[]): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  const key = codes.join(",");
  const identity = useIdentity();

  const round = useCallback(
    async (signal: AbortSignal) => {
      const list = key ? key.split(",") : [];
      // Asked afresh each round: a Clerk session token lasts about a minute.
      const headers = await authHeaders(identity).catch(() => ({}));
      // fetchPlayersOnline answers undefined for a room it could not ask: that room's count is left out.
      const results = await Promise.all(list.map(async (code) => [code, await fetchPlayersOnline(code, headers, signal)] as const));
      if (signal.aborted) return;
      const next = new Map<string, number>();
      for (const [code, count] of results) if (count !== undefined) next.set(code, count);
      setCounts(next);
    },
    [key, identity],
  );
  usePolling(round, REFRESH_MS);

  return counts;
}
