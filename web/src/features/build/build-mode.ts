import { BuildOp, StructureKind, type BuildAction, type BuildPreviewPayload } from "@edgehold/protocol";

/** Keys 1–3 pick these kinds, in this order (the build bar shows the same bindings). */
export const KIND_KEYS: Readonly<Record<string, StructureKind>> = {
  Digit1: StructureKind.wall,
  Digit2: StructureKind.crate,
  Digit3: StructureKind.floor,
};

/**
 * At most one `build.preview` per this many ms: the ghost follows the mouse tile by tile (a fast sweep crosses
 * 20+ tiles a second), but others need only ~10 updates a second to see where you aim, and each is a command the
 * room acks.
 */
export const PREVIEW_INTERVAL_MS = 100;

export interface Tile {
  tx: number;
  ty: number;
}

/**
 * The page's build mode, with no view and no network: B toggles it, 1–3 pick wall/crate/floor, the mouse's ground
 * tile is the hover, a left click queues a place and a right click a remove for the next input to carry. The game
 * loop takes the queued action with its next step (`takeAction`) and sends what `previewUpdate` returns.
 */
export class BuildMode {
  active = false;
  kind: StructureKind = StructureKind.wall;
  /** The ground tile under the mouse (undefined: off the ground or outside the world). */
  hover: Tile | undefined;
  private queued: BuildAction | undefined;
  /** What the room was last told to show (undefined: nothing, i.e. cleared or never sent). */
  private sentPreview: string | undefined = undefined;
  private lastPreviewAt = -Infinity;

  /** A key press (KeyboardEvent.code); true when build mode used it. */
  onKey(code: string): boolean {
    if (code === "KeyB") {
      this.active = !this.active;
      if (!this.active) this.queued = undefined;
      return true;
    }
    const kind = KIND_KEYS[code];
    if (kind === undefined || !this.active) return false;
    this.kind = kind;
    return true;
  }

  /** A mouse button press over the scene (0 left: place, 2 right: remove); true when build mode used it. */
  onClick(button: number): boolean {
    if (!this.active || !this.hover) return false;
    const { tx, ty } = this.hover;
    if (button === 0) this.queued = { op: BuildOp.place, tx, ty, kind: this.kind };
    else if (button === 2) this.queued = { op: BuildOp.remove, tx, ty };
    else return false;
    return true;
  }

  /** The action for the next input to carry (one per input; a newer click replaces an unsent one). */
  takeAction(): BuildAction | undefined {
    const action = this.queued;
    this.queued = undefined;
    return action;
  }

  /** The own ghost to draw: the hovered tile and kind while building. */
  ghost(): (Tile & { kind: StructureKind }) | undefined {
    return this.active && this.hover ? { ...this.hover, kind: this.kind } : undefined;
  }

  /**
   * The `build.preview` payload to send now, if the ghost changed since the last one sent and the last was at
   * least PREVIEW_INTERVAL_MS ago (a clear is sent as soon as allowed too); undefined when nothing is due.
   */
  previewUpdate(now: number): BuildPreviewPayload | undefined {
    const ghost = this.ghost();
    const key = ghost ? `${ghost.tx},${ghost.ty},${ghost.kind}` : undefined;
    if (key === this.sentPreview || now - this.lastPreviewAt < PREVIEW_INTERVAL_MS) return undefined;
    this.sentPreview = key;
    this.lastPreviewAt = now;
    return ghost ?? { clear: true };
  }
}
