import { useSyncExternalStore } from "react";
import type { CombatHudStore } from "./combat-hud-state.ts";

/** The own HP and stamina, the kill feed, and the death overlay with the respawn countdown. */
export function CombatHud({ store }: { store: CombatHudStore }) {
  const s = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className="combat-hud">
      {s.hp !== undefined && (
        <div className="combat-vitals" data-testid="combat-vitals">
          <Meter label="HP" value={s.hp} max={s.maxHp} className="meter-hp" testId="hud-hp" />
          <Meter label="ST" value={s.stamina} max={s.maxStamina} className="meter-stamina" testId="hud-stamina" />
          <span className="combat-score" data-testid="hud-score">
            {s.kills} kills · {s.deaths} deaths
          </span>
        </div>
      )}
      {s.killFeed.length > 0 && (
        <ul className="kill-feed" data-testid="kill-feed">
          {s.killFeed.map((k) => (
            <li key={k.id} className={k.involvesSelf ? "self" : undefined}>
              <strong>{k.killer}</strong> <span className="muted">killed</span> <strong>{k.target}</strong>
            </li>
          ))}
        </ul>
      )}
      {!s.alive && (
        <div className="death-overlay" role="status" data-testid="death-overlay">
          <div className="death-title">You died</div>
          {s.killedBy && <div className="muted">killed by {s.killedBy}</div>}
          {s.respawnInSeconds !== undefined && <div data-testid="respawn-countdown">respawning in {s.respawnInSeconds} s</div>}
        </div>
      )}
    </div>
  );
}

function Meter({ label, value, max, className, testId }: { label: string; value: number; max: number; className: string; testId: string }) {
  const fraction = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return (
    <div className={`meter ${className}`} data-testid={testId} data-value={Math.round(value)}>
      <span className="meter-label">{label}</span>
      <span className="meter-track">
        <span className="meter-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
      <span className="meter-value">
        {Math.round(value)}/{max}
      </span>
    </div>
  );
}
