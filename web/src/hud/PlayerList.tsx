import { memo } from "react";
import type { HudPlayer } from "./hud-store.ts";

/** Who is here. Memoised: the HUD refreshes 4× a second, the list only when someone joins, leaves or renames. */
export const PlayerList = memo(function PlayerList({ players }: { players: HudPlayer[] }) {
  return (
    <ul className="player-list" data-testid="player-list">
      {players.map((p) => (
        <li key={p.entityId} className={p.self ? "self" : undefined} data-testid="player">
          <span className="swatch" style={{ background: p.color }} />
          {p.name}
          {p.self && <span className="muted"> (you)</span>}
        </li>
      ))}
    </ul>
  );
});
