import { useCallback, useEffect, useRef, useState } from "react";
import type { MyParty } from "@edgehold/protocol";
import { usePolling } from "../../app/polling.ts";
import type { Identity } from "../../identity/identity-context.tsx";
import { partyApi } from "./party-api.ts";

/**
 * How often the panel asks `GET /api/parties/me`: invites and changes made by others show within this. 3 s is what
 * a player waiting for an invite notices as "at once" in practice, and costs one small request (two Durable Object
 * reads) per player every 3 s — only while the room page is open. A change reaching the room (the `party` channel)
 * also triggers a refresh, so members see each other join without waiting for the poll.
 */
export const PARTY_POLL_MS = 3000;

const EMPTY: MyParty = { party: null, invitedTo: [], summon: null };

/** The player's party as the server has it, polled; `act` runs a request and refreshes, keeping its error. */
export function useMyParty(identity: Identity, changed: unknown) {
  const [mine, setMine] = useState<MyParty>(EMPTY);
  const [error, setError] = useState<string | undefined>();

  const round = useCallback(
    async (signal: AbortSignal) => {
      try {
        const next = await partyApi.me(identity);
        if (!signal.aborted) setMine(next);
      } catch {
        // Offline for a moment: the next poll tries again; the panel keeps what it showed.
      }
    },
    [identity],
  );
  const refresh = usePolling(round, PARTY_POLL_MS);

  // The room's party channel moved (someone joined, left or was kicked): ask now rather than at the next poll. Not
  // on mount: the poll's first round is under way.
  const seen = useRef(changed);
  useEffect(() => {
    if (Object.is(seen.current, changed)) return;
    seen.current = changed;
    void refresh();
  }, [changed, refresh]);

  const act = useCallback(
    async (request: () => Promise<unknown>) => {
      setError(undefined);
      try {
        await request();
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
      await refresh();
    },
    [refresh],
  );

  return { mine, error, act };
}
