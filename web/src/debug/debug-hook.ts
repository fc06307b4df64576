import type { CombatDebug } from "../features/combat/combat-controller.ts";

/**
 * `window.__edgehold`: a small read-only window into a running room for the end-to-end tests and the frame-cost
 * script (and for curious players in the console). Every call returns a fresh copy; nothing here can change the
 * game.
 */
export interface DebugAvatar {
  id: string;
  name: string;
  x: number;
  y: number;
  self: boolean;
  /** The pose's forward tilt (rad): 0 standing, −π/2 lying on its back (dead). */
  pitch: number;
}

export interface DebugState {
  roomCode: string;
  phase: string;
  playerId: string | undefined;
  entityId: string | undefined;
  /** Whether this connection continued an earlier session (resume token accepted). */
  resumed: boolean;
  /** Players in the room per the presence channel. */
  players: number;
  /** Where your own avatar is drawn (predicted), and where the last snapshot had it. */
  self: { x: number; y: number } | undefined;
  selfServer: { x: number; y: number } | undefined;
  /** Prediction corrections of the own body (the room moved it some way its inputs did not say). */
  corrections: number;
  lastCorrectionMetres: number;
  /** Server-side moves of the own body (teleports: a respawn), snapped to and never counted as corrections. */
  snaps: number;
  lastSnapMetres: number;
  pendingInputs: number;
  ackInputSeq: number;
  serverTick: number;
  /** Every avatar as drawn this frame. */
  avatars: DebugAvatar[];
  /** Build mode: on or off, the tile under the pointer, and the structures the page holds (from the room). */
  build: {
    active: boolean;
    hover: { tx: number; ty: number } | undefined;
    /** Why the room would refuse a placement at the own ghost now (the ghost is red), or null. */
    ghostRefusal: string | null;
    structures: { tx: number; ty: number; kind: string }[];
  };
  /** Combat: own hp/stamina, every entity's hp, projectiles drawn (own predicted ones apart), the kill feed, creatures. */
  combat: CombatDebug;
  /** Chat: the panel's lines, the speech bubbles on screen, the emotes playing, the mute, whether the input has focus. */
  chat: DebugChat;
}

export interface DebugChat {
  lines: { kind: string; name: string | undefined; text: string; error: boolean; history: boolean; who: string[] | undefined }[];
  bubbles: { entity: string; text: string }[];
  emotes: { entity: string; emote: string }[];
  mutedSecondsLeft: number;
  typing: boolean;
}

export interface EdgeholdDebugHook {
  readonly version: 1;
  state(): DebugState;
  /** Main-thread JS time of the last frames (ms), oldest first. */
  frameTimes(): number[];
  /** Intervals between the last frames (ms), oldest first. */
  frameIntervals(): number[];
  /** Frames drawn since the room opened. */
  frames(): number;
}

declare global {
  interface Window {
    __edgehold?: EdgeholdDebugHook;
  }
}

/** Installs the hook; returns the function that removes it (if it is still this one). */
export function installDebugHook(hook: Omit<EdgeholdDebugHook, "version">): () => void {
  const installed: EdgeholdDebugHook = Object.freeze({ version: 1, ...hook });
  Object.defineProperty(window, "__edgehold", { value: installed, configurable: true, enumerable: false, writable: false });
  return () => {
    if (window.__edgehold === installed) delete window.__edgehold;
  };
}
