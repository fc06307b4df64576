import type { FeatureDefinition, PayloadOf, Replica, WelcomePayload } from "@edgehold/protocol";
import type { ReactNode } from "react";
import type * as THREE from "three";
import type { InputPart } from "../net/input-bits.ts";
import type { Kinematics } from "../net/kinematics.ts";
import type { PredictionKey, PredictionParticipant } from "../net/prediction.ts";
import type { PresenceInfo } from "../net/presence.ts";
import type { WorldView } from "../render/world-view.ts";
import type { LocalStateKey } from "./local-state.ts";

/**
 * The page's seam for a feature on screen: a client feature may bring a controller (`ClientFeature.controller`),
 * made once per game session with a FeatureSession and disposed with it. The session calls its hooks in registry
 * order; the controller names no other feature and sends only its own feature's commands.
 */

/** What a controller may read of the room's netcode (RoomClient implements it). */
export interface RoomNet {
  /** Every channel's latest state (read it; snapshots write it). */
  readonly replica: Replica;
  readonly welcome: WelcomePayload | undefined;
  /** The own entity id in the channels, once welcomed. */
  readonly selfEntityId: string | undefined;
  /** The own body's prediction: ready after the session's first snapshot; its latest predicted step. */
  readonly predictor: { readonly ready: boolean; readonly latest: Readonly<Kinematics> };
  /** The server time the others are drawn at this frame (undefined before the first snapshots). */
  readonly viewTime: number | undefined;
  /** The serverTime of the newest snapshot held for drawing between snapshots. */
  readonly newestSnapshotTime: number | undefined;
  /** The server's clock now (ms). */
  serverNow(): number;
  /** Changes whenever a snapshot may have changed `channel`: redraw a large latest-value channel only then. */
  channelVersion(channel: string): number;
  /** The feature's per-room state, the same object its event handlers see. */
  local<T>(key: LocalStateKey<T>): T;
  /** The feature's prediction part for this room. */
  prediction<P extends PredictionParticipant>(key: PredictionKey<P>): P;
}

type Names<R> = Extract<keyof R, string>;
/** A command's payload as `send` takes it: none, optional or required, as its validator says. */
type PayloadArgs<P> = [P] extends [undefined] ? [] : undefined extends P ? [payload?: Exclude<P, undefined>] : [payload: P];

/**
 * Sends one of the feature's own commands, checked against its protocol definition (action name and payload type):
 * returns the envelope's seq (an `error` refusing it names that seq), or undefined while offline.
 */
export type FeatureSend<F extends FeatureDefinition> = <A extends Names<F["commands"]>>(
  action: A,
  ...payload: PayloadArgs<PayloadOf<F["commands"][A]>>
) => number | undefined;

/** This frame, as the session has it when the controllers' `frame` runs. */
export interface FrameState {
  /** Every entity's drawn state (the own one predicted): the others between snapshots. */
  readonly sampled: ReadonlyMap<string, Kinematics>;
  /** Presence by entity id, read once this frame. */
  readonly presence: ReadonlyMap<string, PresenceInfo>;
  /** How far between its last two predicted steps the own body is drawn (0..1). */
  readonly alpha: number;
}

/** What one feature's controller gets from the game session. */
export interface FeatureSession<F extends FeatureDefinition = FeatureDefinition> {
  readonly net: RoomNet;
  readonly send: FeatureSend<F>;
  /** The scene's canvas (pointer input over the scene listens here). */
  readonly canvas: HTMLElement;
  /** The element over the scene: DOM overlays (damage numbers, speech bubbles) go in it. */
  readonly container: HTMLElement;
  /** The camera of the last frame drawn (for picking what is under the pointer, and placing overlays). */
  camera(): THREE.Camera;
  /** The WebGL renderer (a layer that uploads textures of its own, e.g. a label atlas, needs it). */
  readonly webgl: THREE.WebGLRenderer;
  /** Adds a render layer to the scene; the session frees it with the scene. */
  addLayer(root: THREE.Object3D): void;
  /** What is drawn this frame: avatars (poses are the features' to set, afresh each frame) and creatures. */
  readonly view: WorldView;
  readonly frame: FrameState;
  /** Frames drawn since the session started. */
  frames(): number;
  /**
   * Takes the mouse's buttons over the scene for this feature while `active()` holds (build mode places with them);
   * other features leave clicks alone meanwhile (`mouseTakenByOther`).
   */
  takeMouse(active: () => boolean): void;
  mouseTakenByOther(): boolean;
}

/** A feature on screen for one session. Every hook is optional but `dispose`. */
export interface FeatureController {
  /** Once per fixed step, before it is simulated: what this feature adds to that input (a build action, a shot). */
  input?(): InputPart | undefined;
  /**
   * A key pressed over the game (KeyboardEvent.code; never while typing in a field, never a repeat): true when the
   * feature used it (then no later feature sees it, and the browser's default is prevented).
   */
  key?(code: string): boolean;
  /** Once per frame, after the view holds this frame's avatars and before drawing. */
  frame?(now: number): void;
  /** Once per frame, after the scene is drawn (the camera has moved): DOM overlays that follow the scene. */
  afterDraw?(now: number): void;
  /** This feature's section of `window.__edgehold.state()`, under the feature's name: fresh plain data. */
  debug?(): unknown;
  /** Drawn in the HUD over the scene while the session lives (a React element: it subscribes to what it shows). */
  readonly hud?: ReactNode;
  dispose(): void;
}
