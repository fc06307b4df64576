import { memo, useEffect, useMemo, useRef, useState } from "react";
import type { HudPlayer } from "./hud-store.ts";
import { filterPlayers, PLAYER_ROW_PX, rowWindow, searchKey } from "./player-window.ts";

/** The list's height before it is measured (a server render, the first frame): ~8 rows, as the CSS lays it out. */
const INITIAL_VIEWPORT_PX = 8 * PLAYER_ROW_PX;

/**
 * Who is here: the room's whole roster (players out of your view included), searchable by name. Virtualised: only
 * the rows in view (plus a few) are in the DOM, placed by index at a fixed row height, so 1,000 names cost what 20
 * do. Memoised: the HUD refreshes 4× a second, the list only when someone joins, leaves or renames.
 */
export const PlayerList = memo(function PlayerList({ players }: { players: HudPlayer[] }) {
  const [query, setQuery] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(INITIAL_VIEWPORT_PX);
  const viewport = useRef<HTMLDivElement>(null);
  const keys = useMemo(() => players.map((p) => searchKey(p.name)), [players]);
  const shown = useMemo(() => filterPlayers(players, keys, query), [players, keys, query]);
  const { first, end } = rowWindow(shown.length, scrollTop, viewportPx);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setViewportPx(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = [];
  for (let i = first; i < end; i++) {
    const p = shown[i]!;
    rows.push(
      <li key={p.entityId} className={p.self ? "self" : undefined} data-testid="player" style={{ top: i * PLAYER_ROW_PX }}>
        <span className="swatch" style={{ background: p.color }} />
        {p.name}
        {p.self && <span className="muted"> (you)</span>}
      </li>,
    );
  }
  return (
    <div className="player-list" data-testid="player-list">
      <input
        className="player-filter"
        type="search"
        placeholder={`find a player (${players.length})`}
        aria-label="Find a player by name"
        data-testid="player-filter"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setScrollTop(0);
          if (viewport.current) viewport.current.scrollTop = 0;
        }}
        // Esc hands the keys back to the game (as it leaves the chat).
        onKeyDown={(event) => {
          if (event.key === "Escape") event.currentTarget.blur();
        }}
      />
      <div className="player-rows" ref={viewport} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <ul style={{ height: shown.length * PLAYER_ROW_PX }} data-rows={shown.length}>
          {rows}
        </ul>
      </div>
      {shown.length === 0 && <div className="muted player-none">nobody called that</div>}
    </div>
  );
});
