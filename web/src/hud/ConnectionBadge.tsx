import type { ConnectionPhase } from "../net/transport.ts";

const LABELS: Record<ConnectionPhase, string> = {
  connecting: "connecting…",
  open: "connected",
  reconnecting: "reconnecting…",
  closed: "disconnected",
};

export function ConnectionBadge({ phase, detail }: { phase: ConnectionPhase; detail: string | undefined }) {
  return (
    <span className={`hud-chip connection connection-${phase}`} data-testid="connection" data-phase={phase} title={detail}>
      <span className="dot" aria-hidden="true" />
      {LABELS[phase]}
    </span>
  );
}
