import { useSyncExternalStore } from "react";
import type { HudStore } from "./hud-store.ts";
import { ConnectionBadge } from "./ConnectionBadge.tsx";
import { ControlsHint } from "./ControlsHint.tsx";
import { NetGraph } from "./NetGraph.tsx";
import { PlayerList } from "./PlayerList.tsx";
import { useNetGraphToggle } from "./use-net-graph-toggle.ts";

/** The overlay on top of the scene: connection, RTT, players online and the list, recent events, the net-graph. */
export function Hud({ store }: { store: HudStore }) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [netGraphOpen, toggleNetGraph] = useNetGraphToggle();
  const rtt = state.net.rttMs;
  return (
    <div className="hud">
      <div className="hud-top">
        <ConnectionBadge phase={state.phase} detail={state.phaseDetail} />
        <span className="hud-chip" data-testid="hud-rtt">RTT {rtt === undefined ? "—" : `${Math.round(rtt)} ms`}</span>
        <span className="hud-chip" data-testid="hud-players">
          {state.players.length} {state.players.length === 1 ? "player" : "players"} online
        </span>
        <button type="button" className="hud-chip hud-button" onClick={toggleNetGraph} title="Toggle the net-graph (F3 or `)">
          net-graph
        </button>
      </div>
      <PlayerList players={state.players} />
      {state.events.length > 0 && (
        <ul className="hud-events" aria-live="polite">
          {state.events.map((text, i) => (
            <li key={`${i}-${text}`}>{text}</li>
          ))}
        </ul>
      )}
      {netGraphOpen && <NetGraph figures={state.net} />}
      <ControlsHint />
      {state.phase === "reconnecting" && (
        <div className="hud-banner" role="status" data-testid="reconnecting">
          reconnecting… <span className="muted">{state.phaseDetail}</span>
        </div>
      )}
      {state.phase === "closed" && (
        <div className="hud-banner hud-banner-final" role="alert" data-testid="disconnected">
          disconnected: {state.phaseDetail ?? "the connection closed"}
        </div>
      )}
    </div>
  );
}
