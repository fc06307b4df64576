import { useCallback, useEffect, useState } from "react";
import { usePolling } from "../app/polling.ts";
import { authHeaders } from "../identity/auth-request.ts";
import { useIdentity } from "../identity/identity-context.tsx";
import { fetchKinds, fetchPublicRooms, type ListedRoom, type OfferedKind } from "./rooms-api.ts";

/**
 * The list refreshes every 2.5 s: the directory has a join or leave within a second or two, so the lobby shows a
 * friend arriving about as soon as the server knows; one small request per open lobby every 2.5 s is cheap.
 */
const REFRESH_MS = 2500;

/** The public kinds (asked once) and the public rooms with their counts (refreshed); undefined until known. */
export function usePublicRooms(): { kinds: OfferedKind[] | undefined; rooms: ListedRoom[] | undefined } {
  const identity = useIdentity();
  const [kinds, setKinds] = useState<OfferedKind[] | undefined>();
  const [rooms, setRooms] = useState<ListedRoom[] | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    fetchKinds(controller.signal).then(
      (all) => setKinds(all.filter((kind) => kind.public)),
      () => setKinds([]),
    );
    return () => controller.abort();
  }, []);

  const round = useCallback(
    async (signal: AbortSignal) => {
      try {
        // Asked afresh each round: a Clerk session token lasts about a minute.
        const headers = await authHeaders(identity).catch(() => ({}));
        const listed = await fetchPublicRooms(headers, signal);
        if (!signal.aborted) setRooms(listed);
      } catch {
        // Signed out (Clerk) or the server is away: keep what was shown, try again next round.
      }
    },
    [identity],
  );
  usePolling(round, REFRESH_MS);

  return { kinds, rooms };
}
