import type { WorldSquare } from "./minimap-draw.ts";

/** Movement's section of `window.__edgehold.state()`: what the minimap last drew. */
export interface MovementDebug {
  minimap: {
    /** The world the map spans (m), from the welcome's world rules. */
    world: WorldSquare;
    /** The map's size (CSS px) and how many times it has been drawn. */
    size: number;
    draws: number;
    /** You, in metres and on the map (CSS px from its top-left corner); undefined before your body is drawn. */
    self: { x: number; y: number; px: number; py: number } | undefined;
    /** The players you see (in your view), in metres. */
    players: { id: string; x: number; y: number }[];
  };
}

declare module "../../debug/debug-hook.ts" {
  interface DebugSections {
    /** The minimap. */
    movement: MovementDebug;
  }
}
