import type * as THREE from "three";
import type { ReactNode } from "react";
import { CORE_DEBUG_KEYS } from "../debug/debug-hook.ts";
import type { AnyClientFeature } from "../features/client-feature.ts";
import type { FeatureController, FeatureSession, FrameState } from "../features/feature-session.ts";
import { isTyping } from "../input/keyboard.ts";
import type { InputPart } from "../net/input-bits.ts";
import type { RoomClient } from "../net/room-client.ts";
import type { WorldView } from "../render/world-view.ts";

/** What every feature's session shares (GameSession has all of it); `send` and the mouse are per feature. */
export interface SessionScene {
  client: RoomClient;
  canvas: HTMLElement;
  container: HTMLElement;
  camera(): THREE.Camera;
  webgl: THREE.WebGLRenderer;
  addLayer(root: THREE.Object3D): void;
  view: WorldView;
  frame: FrameState;
  frames(): number;
  /** Where the controllers' keys come from (the page's window). */
  keys: Window;
}

/** One feature's HUD element, keyed by the feature's name. */
export interface FeatureHud {
  readonly feature: string;
  readonly node: ReactNode;
}

/**
 * The controllers of a game session's features, made in registry order, and their hooks called in that order:
 * input parts per fixed step, keys (one listener for all: the first feature that uses a key has it), the frame
 * hooks, HUD elements and debug sections. The session names no feature; a feature defined anywhere (a test's
 * included) takes part by being in the list.
 */
export class FeatureControllers {
  readonly huds: readonly FeatureHud[];
  private readonly controllers: { feature: string; controller: FeatureController }[] = [];
  /** Who has the mouse's buttons (a feature and while when): see FeatureSession.takeMouse. */
  private readonly mouseClaims: { feature: string; active: () => boolean }[] = [];

  constructor(
    features: readonly AnyClientFeature[],
    private readonly scene: SessionScene,
  ) {
    try {
      for (const feature of features) {
        if (!feature.controller) continue;
        const name = feature.protocol.name;
        if (CORE_DEBUG_KEYS.has(name)) throw new Error(`a feature may not be named "${name}": the debug hook's core field has that name`);
        this.controllers.push({ feature: name, controller: feature.controller(this.sessionFor(name, feature) as never) });
      }
    } catch (error) {
      // A controller that fails leaves none of the others holding listeners or layers.
      this.dispose();
      throw error;
    }
    this.huds = this.controllers.flatMap(({ feature, controller }) => (controller.hud ? [{ feature, node: controller.hud }] : []));
    scene.keys.addEventListener("keydown", this.onKeyDown);
  }

  /** What the features add to the next input (call once per fixed step, in order). */
  inputParts(): (InputPart | undefined)[] {
    const parts: (InputPart | undefined)[] = [];
    for (const { controller } of this.controllers) if (controller.input) parts.push(controller.input());
    return parts;
  }

  frame(now: number): void {
    for (const { controller } of this.controllers) controller.frame?.(now);
  }

  afterDraw(now: number): void {
    for (const { controller } of this.controllers) controller.afterDraw?.(now);
  }

  /** The features' debug sections, by feature name. */
  debugSections(): Record<string, unknown> {
    const sections: Record<string, unknown> = {};
    for (const { feature, controller } of this.controllers) if (controller.debug) sections[feature] = controller.debug();
    return sections;
  }

  dispose(): void {
    this.scene.keys.removeEventListener("keydown", this.onKeyDown);
    for (const { controller } of this.controllers.splice(0)) controller.dispose();
  }

  private sessionFor(feature: string, definition: AnyClientFeature): FeatureSession {
    const { scene } = this;
    return {
      net: scene.client,
      send: scene.client.commandsOf(definition.protocol),
      canvas: scene.canvas,
      container: scene.container,
      camera: () => scene.camera(),
      webgl: scene.webgl,
      addLayer: (root) => scene.addLayer(root),
      view: scene.view,
      frame: scene.frame,
      frames: () => scene.frames(),
      takeMouse: (active) => this.mouseClaims.push({ feature, active }),
      mouseTakenByOther: () => this.mouseClaims.some((claim) => claim.feature !== feature && claim.active()),
    };
  }

  /** Keys typed into a field (the chat) and auto-repeats are nobody's. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.repeat || isTyping(event.target)) return;
    for (const { controller } of this.controllers) {
      if (controller.key?.(event.code)) {
        event.preventDefault();
        return;
      }
    }
  };
}
