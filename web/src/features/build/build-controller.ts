import { BuildOp, Channel, type BuildAction, type BuildRejectReason, type buildFeature } from "@edgehold/protocol";
import { createElement, type ReactNode } from "react";
import type { InputPart } from "../../net/input-bits.ts";
import { listen } from "../../input/listen.ts";
import { toNdc } from "../../render/ground-picking.ts";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { createBuildBarStore, publishIfChanged } from "./build-bar-state.ts";
import { BuildBar } from "./BuildBar.tsx";
import { buildRejectedText } from "./build-rejection-text.ts";
import type { BuildDebug } from "./build-debug.ts";
import { BuildGhostLayer } from "./build-ghost-layer.ts";
import { BuildMode } from "./build-mode.ts";
import { buildPrediction } from "./predicted-tiles.ts";
import { StructureLayer } from "./structure-layer.ts";
import { pickGroundTile } from "./tile-picking.ts";

/** The part of an input that carries a build action (applied at exactly that input's step, before its movement). */
export function buildInput(action: BuildAction): InputPart {
  return { fields: { build: action } };
}

/**
 * Building on the page, put together: build mode from keys and mouse over the scene canvas (it takes the mouse while
 * on), the structures and ghost layers, and per frame the previews to send and the action for the next input.
 */
export class BuildController implements FeatureController {
  readonly mode = new BuildMode();
  private readonly structures = new StructureLayer();
  private readonly ghosts = new BuildGhostLayer();
  /** The pointer over the canvas in NDC (undefined: not over it); re-picked every frame, as the camera moves. */
  private pointer: { x: number; y: number } | undefined;
  /** Why the room would refuse a placement at the own ghost now (undefined: it would be accepted, or no ghost). */
  private ghostRefusal: BuildRejectReason | undefined;
  private readonly unlisten: () => void;
  private readonly bar = createBuildBarStore();
  /** The build bar: pieces, keys, and the ghost's verdict. */
  readonly hud: ReactNode = createElement(BuildBar, { store: this.bar });

  constructor(private readonly session: FeatureSession<typeof buildFeature>) {
    this.structures.root.add(this.ghosts.root);
    session.addLayer(this.structures.root);
    session.takeMouse(() => this.mode.active);
    this.unlisten = listen(session.canvas, {
      pointermove: this.onPointerMove,
      pointerleave: this.onPointerLeave,
      pointerdown: this.onPointerDown,
      contextmenu: this.onContextMenu,
    });
  }

  /** The queued build action rides the next input simulated (one per input). */
  input(): InputPart | undefined {
    const action = this.mode.takeAction();
    return action && buildInput(action);
  }

  key(code: string): boolean {
    return this.mode.onKey(code);
  }

  /** Once per frame: hover from the pointer, layers from the channels, a preview if one is due. */
  frame(now: number): void {
    const { net } = this.session;
    this.mode.hover = this.pointer ? pickGroundTile(this.pointer.x, this.pointer.y, this.session.camera()) : undefined;
    this.structures.sync(net.replica.get(Channel.build), net.channelVersion(Channel.build));
    const ghost = this.mode.ghost();
    this.ghostRefusal = ghost && net.prediction(buildPrediction).refusal({ op: BuildOp.place, ...ghost });
    this.ghosts.sync(ghost, net.replica.get(Channel.buildPreview), net.selfEntityId, this.ghostRefusal !== undefined);
    this.showVerdict();
    const preview = this.mode.previewUpdate(now);
    if (preview) this.session.send("preview", preview);
  }

  /** The bar (only when something it shows changed) and the reason as the scene's hover title. */
  private showVerdict(): void {
    const shown = this.bar.getSnapshot();
    publishIfChanged(this.bar, { active: this.mode.active, kind: this.mode.kind, refusal: this.ghostRefusal });
    if (shown === this.bar.getSnapshot()) return;
    const canvas = this.session.canvas;
    if (this.ghostRefusal) canvas.title = buildRejectedText(this.ghostRefusal);
    else canvas.removeAttribute("title");
  }

  debug(): BuildDebug {
    const hover = this.mode.hover;
    return {
      active: this.mode.active,
      hover: hover && { tx: hover.tx, ty: hover.ty },
      ghostRefusal: this.ghostRefusal ?? null,
      ghost: this.ghosts.ownGhost() ?? null,
      structures: [...(this.session.net.replica.get(Channel.build)?.values() ?? [])].map((s) => ({ tx: Number(s.tx), ty: Number(s.ty), kind: String(s.kind) })),
    };
  }

  dispose(): void {
    this.unlisten();
    this.session.canvas.removeAttribute("title");
    this.structures.dispose();
    this.ghosts.dispose();
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    this.pointer = toNdc(event.clientX, event.clientY, this.session.canvas);
  };

  private readonly onPointerLeave = (): void => {
    this.pointer = undefined;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.pointer = toNdc(event.clientX, event.clientY, this.session.canvas);
    this.mode.hover = pickGroundTile(this.pointer.x, this.pointer.y, this.session.camera());
    if (this.mode.onClick(event.button)) event.preventDefault();
  };

  /** Right click removes while building: no browser menu then. */
  private readonly onContextMenu = (event: Event): void => {
    if (this.mode.active) event.preventDefault();
  };
}
