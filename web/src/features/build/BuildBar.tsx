import { useSyncExternalStore } from "react";
import { BUILD_PIECES, type BuildBarStore } from "./build-bar-state.ts";
import { buildRejectedText } from "./build-rejection-text.ts";

/**
 * Build mode on screen: the three pieces with their keys (the selected one lit), and whether the ghost under the
 * mouse would be accepted (green) or why not (red, the reason as text and as the hover title).
 */
export function BuildBar({ store }: { store: BuildBarStore }) {
  const s = useSyncExternalStore(store.subscribe, store.getSnapshot);
  if (!s.active) return null;
  const reason = s.refusal && buildRejectedText(s.refusal);
  return (
    <div className="build-bar" data-testid="build-bar">
      <span className="build-bar-title">
        Build <kbd>B</kbd> <span className="muted">exits</span>
      </span>
      <ol className="build-pieces">
        {BUILD_PIECES.map((piece) => (
          <li key={piece.kind} className={`build-piece build-piece-${piece.kind}${piece.kind === s.kind ? " selected" : ""}`} data-testid={`build-piece-${piece.kind}`} aria-current={piece.kind === s.kind}>
            <kbd>{piece.key}</kbd> {piece.label}
          </li>
        ))}
      </ol>
      <span className={`build-verdict ${reason ? "refused" : "accepted"}`} data-testid="build-verdict" title={reason ?? "click to place, right click to remove"}>
        {reason ?? "click to place · right click removes"}
      </span>
    </div>
  );
}
