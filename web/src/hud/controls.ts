/**
 * The page's controls, written once: the first-visit hint in a room and the lobby's "Controls" card both list
 * these, so the two never disagree. Each row: the keys (shown as <kbd>) and what they do.
 */
export interface ControlRow {
  /** What the keys do, as the player thinks of it ("move", "fire"). */
  readonly action: string;
  readonly keys: readonly string[];
  /** A few words after the keys. */
  readonly detail: string;
}

export const CONTROLS: readonly ControlRow[] = [
  { action: "move", keys: ["W", "A", "S", "D"], detail: "or the arrow keys (an on-screen stick on touch screens)" },
  { action: "fire", keys: ["left click"], detail: "aims where the mouse points; hold to keep firing" },
  { action: "build", keys: ["B", "1", "2", "3"], detail: "build mode, then wall / crate / floor; click places, right click removes" },
  { action: "chat", keys: ["Enter", "/"], detail: "type a line, /help lists the commands" },
  { action: "emotes", keys: ["G"], detail: "the emote wheel, then 1–8" },
  { action: "net-graph", keys: ["F3", "`"], detail: "what the netcode is doing" },
];

/** localStorage key: set once the player dismissed the controls hint (it is a first-visit hint, not a nag). */
export const CONTROLS_HINT_KEY = "edgehold.controlsHintSeen";

/** Whether the first-visit hint should show (storage unavailable: show it, a player can still close it). */
export function controlsHintWanted(storage: Pick<Storage, "getItem"> | undefined): boolean {
  try {
    return storage?.getItem(CONTROLS_HINT_KEY) !== "1";
  } catch {
    return true;
  }
}

/** Remembers that the hint was dismissed. */
export function rememberControlsHintSeen(storage: Pick<Storage, "setItem"> | undefined): void {
  try {
    storage?.setItem(CONTROLS_HINT_KEY, "1");
  } catch {
    // Storage unavailable (private mode, quota): the hint is gone for this page, back on the next visit.
  }
}
