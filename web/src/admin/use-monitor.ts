import { useCallback, useState } from "react";
import { ApiRequestError } from "../app/api-answer.ts";
import { usePolling } from "../app/polling.ts";
import { isAuthProblem, listRooms, roomDetail, type AdminRoom, type AdminRoomDetail } from "./admin-api.ts";
import { appendSample, POLL_MS, sampleOf, type MonitorSample } from "./monitor-history.ts";

export interface MonitorState {
  rooms: AdminRoom[];
  history: MonitorSample[];
  selected: AdminRoomDetail | undefined;
  error: string | undefined;
  updatedAt: number | undefined;
}

/**
 * Polls the admin API every 2 s: the live rooms (kept as the plots' history) and, when one is selected, its players.
 * A 401/503 hands back to the token form through `onAuthProblem` (which unmounts the monitor, stopping the poll);
 * other errors are shown and the poll goes on.
 */
export function useMonitor(token: string, selectedCode: string | undefined, onAuthProblem: (message: string) => void): MonitorState & { refresh: () => void } {
  const [state, setState] = useState<MonitorState>({ rooms: [], history: [], selected: undefined, error: undefined, updatedAt: undefined });

  const round = useCallback(
    async (signal: AbortSignal) => {
      try {
        const rooms = await listRooms(token);
        const selected = selectedCode ? await roomDetail(token, selectedCode).catch((error: unknown) => (error instanceof ApiRequestError && error.status === 404 ? undefined : Promise.reject(error))) : undefined;
        if (signal.aborted) return;
        const at = Date.now();
        setState((previous) => ({ rooms, selected, error: undefined, updatedAt: at, history: appendSample(previous.history, sampleOf(rooms, at)) }));
      } catch (error) {
        if (signal.aborted) return;
        if (isAuthProblem(error)) {
          onAuthProblem(error.message);
          return;
        }
        setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) }));
      }
    },
    [token, selectedCode, onAuthProblem],
  );
  const refresh = usePolling(round, POLL_MS);

  return { ...state, refresh: () => void refresh() };
}
