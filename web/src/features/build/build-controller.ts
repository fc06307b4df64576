import type * as THREE from "three";
import { BuildOp, type BuildAction, type BuildPreviewPayload, type BuildRejectReason } from "@edgehold/protocol";
import { isTyping } from "../../input/keyboard.ts";
import { toNdc } from "../../render/ground-picking.ts";
import { BuildGhostLayer } from "./build-ghost-layer.ts";
import { BuildMode } from "./build-mode.ts";
import { StructureLayer } from "./structure-layer.ts";
import { pickGroundTile } from "./tile-picking.ts";

/** What the controller reads from the room's netcode each frame (RoomClient has all of it). */
export interface BuildNetcode {
  readonly replica: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>;
  readonly buildVersion: number;
  readonly selfEntityId: string | undefined;
  /** The page's prediction of the room's build rules (why a placement here, now, would be refused). */
  readonly predictedTiles: { refusal(action: BuildAction): BuildRejectReason | undefined };
  sendBuildPreview(payload: BuildPreviewPayload): void;
}

/**
 * Building on the page, put together: build mode from keys and mouse over the scene canvas, the structures and
 * ghost layers (add `root` to the scene), and per frame the previews to send and the action for the next input.
 * The game session calls `frame()` once per frame and hands `takeAction()` to the first fixed step it runs.
 */
export class BuildController {
  readonly mode = new BuildMode();
  readonly structures = new StructureLayer();
  readonly ghosts = new BuildGhostLayer();
  readonly root: THREE.Group;
  /** The pointer over the canvas in NDC (undefined: not over it); re-picked every frame, as the camera moves. */
  private pointer: { x: number; y: number } | undefined;
  /** Why the room would refuse a placement at the own ghost now (undefined: it would be accepted, or no ghost). */
  ghostRefusal: BuildRejectReason | undefined;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly camera: () => THREE.Camera,
    private readonly keys: Window = window,
  ) {
    this.root = this.structures.root;
    this.root.add(this.ghosts.root);
    keys.addEventListener("keydown", this.onKeyDown);
    canvas.addEventListener("pointermove", this.onPointerMove);
    canvas.addEventListener("pointerleave", this.onPointerLeave);
    canvas.addEventListener("pointerdown", this.onPointerDown);
    canvas.addEventListener("contextmenu", this.onContextMenu);
  }

  /** Once per frame: hover from the pointer, layers from the channels, a preview if one is due. */
  frame(now: number, net: BuildNetcode): void {
    this.mode.hover = this.pointer ? pickGroundTile(this.pointer.x, this.pointer.y, this.camera()) : undefined;
    this.structures.sync(net.replica.get("build"), net.buildVersion);
    const ghost = this.mode.ghost();
    this.ghostRefusal = ghost && net.predictedTiles.refusal({ op: BuildOp.place, ...ghost });
    this.ghosts.sync(ghost, net.replica.get("build_preview"), net.selfEntityId, this.ghostRefusal !== undefined);
    const preview = this.mode.previewUpdate(now);
    if (preview) net.sendBuildPreview(preview);
  }

  /** The build action for the next input (call only when an input is about to be simulated). */
  takeAction(): BuildAction | undefined {
    return this.mode.takeAction();
  }

  dispose(): void {
    this.keys.removeEventListener("keydown", this.onKeyDown);
    this.canvas.removeEventListener("pointermove", this.onPointerMove);
    this.canvas.removeEventListener("pointerleave", this.onPointerLeave);
    this.canvas.removeEventListener("pointerdown", this.onPointerDown);
    this.canvas.removeEventListener("contextmenu", this.onContextMenu);
    this.structures.dispose();
    this.ghosts.dispose();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.repeat || isTyping(event.target)) return;
    if (this.mode.onKey(event.code)) event.preventDefault();
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    this.pointer = toNdc(event.clientX, event.clientY, this.canvas);
  };

  private readonly onPointerLeave = (): void => {
    this.pointer = undefined;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.pointer = toNdc(event.clientX, event.clientY, this.canvas);
    this.mode.hover = pickGroundTile(this.pointer.x, this.pointer.y, this.camera());
    if (this.mode.onClick(event.button)) event.preventDefault();
  };

  /** Right click removes while building: no browser menu then. */
  private readonly onContextMenu = (event: Event): void => {
    if (this.mode.active) event.preventDefault();
  };
}
