import type { HudPlayer } from "./hud-store.ts";

/**
 * The player list's rows are all this tall (px; the CSS sets the same height): a fixed height lets the list draw
 * only the rows in view of a 1,000-name roster and know where each one is without measuring any.
 */
export const PLAYER_ROW_PX = 22;
/** Rows drawn above and below the visible ones, so a quick scroll shows names rather than a blank strip. */
export const OVERSCAN_ROWS = 4;

/** The rows to draw: indices first..end (end exclusive) of the list. */
export interface RowWindow {
  first: number;
  end: number;
}

/** Which of `count` rows of `rowPx` lie in a viewport `viewportPx` tall scrolled by `scrollTop`, plus the overscan. */
export function rowWindow(count: number, scrollTop: number, viewportPx: number, rowPx = PLAYER_ROW_PX, overscan = OVERSCAN_ROWS): RowWindow {
  const top = Math.max(0, Math.floor(scrollTop / rowPx) - overscan);
  const bottom = Math.ceil((scrollTop + Math.max(0, viewportPx)) / rowPx) + overscan;
  const first = Math.min(top, count);
  return { first, end: Math.max(first, Math.min(count, bottom)) };
}

/** A name as the filter compares it: compatibility forms folded (full-width letters match) and case ignored. */
export function searchKey(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase().trim();
}

/**
 * The players whose names contain `query` (case and width ignored), you first and the rest in the room's order;
 * every player, you first, for an empty query. `keys`: the players' searchKey, index for index.
 */
export function filterPlayers(players: readonly HudPlayer[], keys: readonly string[], query: string): HudPlayer[] {
  const wanted = searchKey(query);
  const shown: HudPlayer[] = [];
  for (let i = 0; i < players.length; i++) {
    const player = players[i]!;
    if (wanted !== "" && !keys[i]!.includes(wanted)) continue;
    if (player.self) shown.unshift(player);
    else shown.push(player);
  }
  return shown;
}
