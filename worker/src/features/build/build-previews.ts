import type { BuildPreviewFields, BuildPreviewPayload } from "@edgehold/protocol";

/**
 * Who is previewing what (the `build_preview` channel): entity id → tile and kind. Memory only, never stored: a
 * preview is a ghost under someone's mouse, gone when they clear it or leave.
 */
export class BuildPreviews {
  private readonly view = new Map<string, BuildPreviewFields>();

  /** Applies a `build.preview` command of the player with this entity id. */
  apply(entityId: string, payload: BuildPreviewPayload): void {
    if ("clear" in payload) this.view.delete(entityId);
    else this.view.set(entityId, { tx: payload.tx, ty: payload.ty, kind: payload.kind });
  }

  /** The player left (or their entity went away): their ghost goes with them. */
  leave(entityId: string): void {
    this.view.delete(entityId);
  }

  /** The `build_preview` channel's current entities. */
  channel(): ReadonlyMap<string, BuildPreviewFields> {
    return this.view;
  }
}
