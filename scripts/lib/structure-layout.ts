import type { BuildAction } from "@edgehold/protocol";

/**
 * `count` tiles outside the 32 × 32 m spawn centre, row by row from the world's edge inwards: 20 % walls, 20 %
 * crates, 60 % floors (the load benches' structures).
 */
export function structureLayout(count: number): BuildAction[] {
  const actions: BuildAction[] = [];
  for (let ty = -64; ty <= 63 && actions.length < count; ty++) {
    for (let tx = -64; tx <= 63 && actions.length < count; tx++) {
      if (Math.abs(tx) < 16 && Math.abs(ty) < 16) continue;
      const pick = (((tx * 7 + ty * 13) % 5) + 5) % 5;
      actions.push({ op: "place", tx, ty, kind: pick === 0 ? "wall" : pick === 1 ? "crate" : "floor" });
    }
  }
  return actions;
}
