import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import type { HeldItem } from "./held-item.ts";

export { HELD_ITEMS, heldItemOf, type HeldItem } from "./held-item.ts";

/**
 * The avatar's parts as small primitive geometries (a few hundred triangles in all, no downloaded assets): a torso
 * (the player's colour, per instance), a head, legs, and the class's weapon in the right hand. Each is one
 * InstancedMesh for the whole room (avatar-instances.ts). Coordinates: the avatar's ground point at the origin,
 * facing -z, +x its right hand.
 */

const SKIN = 0xe9c39b;
const HAIR = 0x3b2a20;
const TROUSERS = 0x2f3a4a;
const BOOTS = 0x2a1f18;
const WOOD = 0x7a5230;
const STEEL = 0xc9d1d9;
const ORB = 0x74c0fc;

/**
 * `geometry` painted one colour (a `color` attribute), so parts of different colours merge into one mesh. Parts stay
 * indexed (shared vertices are shaded once: a software rasteriser pays per vertex, 65 avatars × every part).
 */
function painted(geometry: THREE.BufferGeometry, color: number, at: THREE.Matrix4 = new THREE.Matrix4()): THREE.BufferGeometry {
  const g = geometry;
  g.applyMatrix4(at);
  const c = new THREE.Color(color);
  const colors = new Float32Array(g.getAttribute("position").count * 3);
  for (let i = 0; i < colors.length; i += 3) [colors[i], colors[i + 1], colors[i + 2]] = [c.r, c.g, c.b];
  g.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  return g;
}

const at = (x: number, y: number, z: number, rx = 0, ry = 0, rz = 0) =>
  new THREE.Matrix4().compose(new THREE.Vector3(x, y, z), new THREE.Quaternion().setFromEuler(new THREE.Euler(rx, ry, rz)), new THREE.Vector3(1, 1, 1));

function merged(parts: THREE.BufferGeometry[]): THREE.BufferGeometry {
  const geometry = mergeGeometries(parts);
  if (!geometry) throw new Error("avatar parts do not merge");
  return geometry;
}

/** The torso and arms (coloured per player by the instance colour): shoulders at ~1.25 m. */
export function torsoGeometry(): THREE.BufferGeometry {
  const body = new THREE.CapsuleGeometry(0.3, 0.42, 2, 8).applyMatrix4(at(0, 1.0, 0));
  const arm = () => new THREE.CapsuleGeometry(0.09, 0.42, 1, 5);
  return merged([body, arm().applyMatrix4(at(-0.38, 0.98, 0, 0, 0, 0.12)), arm().applyMatrix4(at(0.38, 0.98, -0.08, -0.5, 0, -0.12))]);
}

/** Head and legs, one geometry (one draw call for the room): they are the same for everyone. */
export function figureGeometry(): THREE.BufferGeometry {
  return merged([headGeometry(), legsGeometry()]);
}

/** Head with hair and eyes on the front (-z), so the facing reads even without a weapon. */
function headGeometry(): THREE.BufferGeometry {
  return merged([
    painted(new THREE.SphereGeometry(0.21, 9, 6), SKIN, at(0, 1.56, 0)),
    painted(new THREE.SphereGeometry(0.22, 9, 3, 0, Math.PI * 2, 0, Math.PI / 2.2), HAIR, at(0, 1.6, 0.03)),
    painted(new THREE.BoxGeometry(0.05, 0.05, 0.03), 0x1b1b1b, at(-0.08, 1.59, -0.2)),
    painted(new THREE.BoxGeometry(0.05, 0.05, 0.03), 0x1b1b1b, at(0.08, 1.59, -0.2)),
  ]);
}

/** Two legs with boots. */
function legsGeometry(): THREE.BufferGeometry {
  const leg = (x: number) => [
    painted(new THREE.CylinderGeometry(0.1, 0.09, 0.6, 5, 1, true), TROUSERS, at(x, 0.42, 0)),
    painted(new THREE.BoxGeometry(0.16, 0.12, 0.26), BOOTS, at(x, 0.06, -0.04)),
  ];
  return merged([...leg(-0.13), ...leg(0.13)]);
}

/** Each held item, in the right hand (x ≈ 0.4, y ≈ 0.75) or both hands (daggers). */
export function heldGeometry(item: Exclude<HeldItem, "none">): THREE.BufferGeometry {
  switch (item) {
    case "axe":
      return merged([
        painted(new THREE.CylinderGeometry(0.03, 0.03, 0.8, 5, 1, true), WOOD, at(0.42, 0.95, -0.2, -0.5)),
        painted(new THREE.BoxGeometry(0.05, 0.2, 0.26), STEEL, at(0.42, 1.25, -0.46, -0.5)),
      ]);
    case "bow":
      return merged([
        painted(new THREE.TorusGeometry(0.45, 0.025, 3, 10, Math.PI), WOOD, at(0.46, 1.0, -0.3, 0, Math.PI / 2, Math.PI / 2)),
        painted(new THREE.CylinderGeometry(0.006, 0.006, 0.9, 3, 1, true), 0xf1f3f5, at(0.46, 1.0, -0.3)),
      ]);
    case "staff":
      return merged([
        painted(new THREE.CylinderGeometry(0.035, 0.04, 1.7, 5, 1, true), WOOD, at(0.44, 0.9, -0.18)),
        painted(new THREE.SphereGeometry(0.1, 6, 4), ORB, at(0.44, 1.8, -0.18)),
      ]);
    case "daggers":
      return merged([
        painted(new THREE.BoxGeometry(0.04, 0.04, 0.34), STEEL, at(0.42, 0.78, -0.3)),
        painted(new THREE.BoxGeometry(0.04, 0.04, 0.34), STEEL, at(-0.42, 0.78, -0.3)),
      ]);
  }
}
