/** Wildlife's section of `window.__edgehold.state()`: the creatures drawn this frame. */
export interface WildlifeDebug {
  creatures: { id: string; species: string; name: string; x: number; y: number; alive: boolean }[];
}

declare module "../../debug/debug-hook.ts" {
  interface DebugSections {
    /** The creatures drawn this frame. */
    wildlife: WildlifeDebug;
  }
}
