import type { DrawnGhost } from "./build-ghost-layer.ts";

/** Build's section of `window.__edgehold.state()`: build mode, the tile under the pointer, the structures held. */
export interface BuildDebug {
  active: boolean;
  hover: { tx: number; ty: number } | undefined;
  /** Why the room would refuse a placement at the own ghost now (the ghost is red), or null. */
  ghostRefusal: string | null;
  /** The own ghost as drawn in the scene (its tile, kind and colour: green or red), or null while none shows. */
  ghost: DrawnGhost | null;
  structures: { tx: number; ty: number; kind: string }[];
}

declare module "../../debug/debug-hook.ts" {
  interface DebugSections {
    /** Build mode, the hovered tile, the structures. */
    build: BuildDebug;
  }
}
