// The player list with a 1,000-player roster (a plaza): only the rows in view are rendered, and the filter finds a
// name. Rendered with React's server renderer (no DOM here); web/e2e/crowd-hud.e2e.test.ts drives it in Chromium.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { HudPlayer } from "../src/hud/hud-store.ts";
import { PlayerList } from "../src/hud/PlayerList.tsx";
import { filterPlayers, PLAYER_ROW_PX, rowWindow, searchKey } from "../src/hud/player-window.ts";

function roster(count: number, selfIndex = 500): HudPlayer[] {
  return Array.from({ length: count }, (_, i) => ({
    entityId: String(i + 1),
    name: `Player ${String(i).padStart(4, "0")}`,
    color: "#4dabf7",
    self: i === selfIndex,
  }));
}

const rowsIn = (html: string) => html.match(/data-testid="player"/g)?.length ?? 0;

describe("the player list with 1,000 names", () => {
  it("renders only a screenful of rows, yet is as tall as all of them", () => {
    const html = renderToStaticMarkup(createElement(PlayerList, { players: roster(1000) }));
    expect(rowsIn(html)).toBeGreaterThan(0);
    expect(rowsIn(html)).toBeLessThanOrEqual(20);
    // The scroll height is the whole roster's, so the scrollbar says 1,000.
    expect(html).toContain(`height:${1000 * PLAYER_ROW_PX}px`);
    expect(html).toContain('data-rows="1000"');
    // You are first, so you find yourself without scrolling.
    expect(html.indexOf("Player 0500")).toBeLessThan(html.indexOf("Player 0000"));
    expect(html).toContain("find a player (1000)");
  });

  it("draws the rows scrolled into view, by index", () => {
    const players = filterPlayers(roster(1000), roster(1000).map((p) => searchKey(p.name)), "");
    const { first, end } = rowWindow(players.length, 600 * PLAYER_ROW_PX, 8 * PLAYER_ROW_PX);
    expect(first).toBeLessThanOrEqual(600);
    expect(end).toBeGreaterThanOrEqual(608);
    expect(end - first).toBeLessThanOrEqual(20);
    expect(rowWindow(3, 0, 8 * PLAYER_ROW_PX)).toEqual({ first: 0, end: 3 });
    expect(rowWindow(0, 0, 8 * PLAYER_ROW_PX)).toEqual({ first: 0, end: 0 });
  });

  it("the filter finds a name among 1,000, ignoring case and width", () => {
    const players = roster(1000);
    const keys = players.map((p) => searchKey(p.name));
    expect(filterPlayers(players, keys, "player 0777").map((p) => p.name)).toEqual(["Player 0777"]);
    expect(filterPlayers(players, keys, "ＰＬＡＹＥＲ　0777").map((p) => p.name)).toEqual(["Player 0777"]);
    expect(filterPlayers(players, keys, "077").map((p) => p.name)).toEqual(["Player 0077", ...Array.from({ length: 10 }, (_, i) => `Player 077${i}`)]);
    expect(filterPlayers(players, keys, "nobody")).toEqual([]);
    expect(filterPlayers(players, keys, "")).toHaveLength(1000);
  });
});
