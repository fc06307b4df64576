import { tabPlayerId } from "./tab-player-id.ts";

/**
 * Without Clerk the page plays as a local dev identity: a generated id and a display name kept in localStorage,
 * sent as `playerId` (WebSocket) and `X-Player-Id` (REST). The server trusts it only in dev mode.
 */
const ID_KEY = "edgehold.devPlayerId";
const NAME_KEY = "edgehold.displayName";

export interface DevIdentity {
  playerId: string;
  displayName: string;
}

export function loadDevIdentity(storage: Storage = localStorage, tabStorage: Storage = sessionStorage): DevIdentity {
  let homeId = storage.getItem(ID_KEY);
  if (!homeId || !/^[A-Za-z0-9_-]{1,64}$/.test(homeId)) {
    homeId = newDevPlayerId();
    storage.setItem(ID_KEY, homeId);
  }
  // A second window of this browser plays as a second player (see tab-player-id.ts).
  const playerId = tabPlayerId(homeId, storage, tabStorage, newDevPlayerId);
  const displayName = storage.getItem(NAME_KEY) ?? `Player ${playerId.slice(-4)}`;
  return { playerId, displayName };
}

function newDevPlayerId(): string {
  return `dev-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

export function saveDisplayName(name: string, storage: Storage = localStorage): void {
  storage.setItem(NAME_KEY, name.trim().slice(0, 24));
}
