import { useState } from "react";
import { ControlsList } from "./ControlsList.tsx";
import { controlsHintWanted, rememberControlsHintSeen } from "./controls.ts";

/** First visit to a room: the controls, over the scene until dismissed (remembered in localStorage). */
export function ControlsHint() {
  const [open, setOpen] = useState(() => controlsHintWanted(storage()));
  if (!open) return null;
  const dismiss = () => {
    rememberControlsHintSeen(storage());
    setOpen(false);
  };
  return (
    <div className="controls-hint" role="dialog" aria-label="Controls" data-testid="controls-hint">
      <h2>Controls</h2>
      <ControlsList />
      <button type="button" className="primary" data-testid="controls-hint-dismiss" onClick={dismiss}>
        Got it
      </button>
    </div>
  );
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
