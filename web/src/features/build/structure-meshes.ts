import * as THREE from "three";
import { StructureKind } from "@edgehold/protocol";

/** How each kind looks: a 1 m tile's footprint, a height that reads at the follow camera's ~50° view, a colour. */
export const STRUCTURE_LOOKS: Readonly<Record<StructureKind, { width: number; height: number; color: number }>> = {
  // 1.8 m: a little taller than the 1.6 m avatars, so a wall reads as a wall and not as a step.
  [StructureKind.wall]: { width: 1, height: 1.8, color: 0x8d8d96 },
  // A crate is smaller than its tile, so rows of crates read as crates rather than as a wall.
  [StructureKind.crate]: { width: 0.86, height: 0.86, color: 0xb07a3f },
  // A floor is a thin slab just above the ground (which sits at 0) so it never z-fights with it.
  [StructureKind.floor]: { width: 1, height: 0.06, color: 0xd9c9a3 },
};

/** One shared box per kind: instanced layers and ghosts use the same shapes. */
export function structureGeometry(kind: StructureKind): THREE.BoxGeometry {
  const { width, height } = STRUCTURE_LOOKS[kind];
  const geometry = new THREE.BoxGeometry(width, height, width);
  // Origin at the bottom centre: an instance's translation is its tile's ground point.
  geometry.translate(0, height / 2, 0);
  return geometry;
}

/** The scene position of tile (tx, ty)'s centre on the ground (ground point (x, y) is drawn at (x, 0, -y)). */
export function tileCentre(tx: number, ty: number, out: THREE.Vector3): THREE.Vector3 {
  return out.set(tx + 0.5, 0, -(ty + 0.5));
}
