import type { AvatarFadeDebug } from "../render/avatar-fade.ts";

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
  /** What it holds in hand: its class's weapon (axe, bow, staff, daggers). */
  held: string;
}

/** What the page's core reports: the connection, the own body and its prediction, the avatars drawn. */
export interface CoreDebugState {
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
  /** Avatars fading in (entered your view) or out (left your view, still in the room) this frame. */
  fading: AvatarFadeDebug[];
  /** The scenery's seed from the welcome (undefined: none), and the instances drawn now per kind (tree, rock, stone). */
  scenerySeed: number | undefined;
  sceneryDrawn: number[];
  /** What the last frame drew: WebGL draw calls, triangles, and the objects in the scene graph (visible or not). */
  render: { calls: number; triangles: number; objects: number };
}

/** The core's keys: no feature's section may take one of them (features register under their names). */
export const CORE_DEBUG_KEYS: ReadonlySet<string> = new Set(
  Object.keys({
    roomCode: 0, phase: 0, playerId: 0, entityId: 0, resumed: 0, players: 0, self: 0, selfServer: 0, corrections: 0,
    lastCorrectionMetres: 0, snaps: 0, lastSnapMetres: 0, pendingInputs: 0, ackInputSeq: 0, serverTick: 0, avatars: 0, fading: 0,
    scenerySeed: 0, sceneryDrawn: 0, render: 0,
  } satisfies Record<keyof CoreDebugState, 0>),
);

/**
 * The features' sections, by feature name. Empty here: each feature adds its own where it defines its shape
 * (`declare module "…/debug-hook.ts" { interface DebugSections { build: BuildDebug } }`, see build-debug.ts), so
 * the core names none of them and a program that loads a feature's debug types reads its section typed.
 */
export interface DebugSections {}

/**
 * The state: the core's fields plus one section per feature whose controller reports one, under the feature's name
 * (a feature whose debug types this program does not load, e.g. a test's, reads as `unknown`).
 */
export type DebugState = CoreDebugState & DebugSections & { readonly [feature: string]: unknown };

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
