import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { facingYaw } from "../../render/facing.ts";
import { LabelAtlas } from "../../render/label-atlas.ts";
import { SlotPool } from "../../render/slot-pool.ts";
import type { CreatureView } from "../../render/world-view.ts";

/** Creatures drawn at most: the wildlife population is ~12 by default and 50 in the load bench. */
const CAPACITY = 128;

interface Species {
  mesh: THREE.InstancedMesh;
  /** Name label height (m) and HP bar height above the ground for this body. */
  labelHeight: number;
  color: string;
}

/** Boxes merged into one body shape: [width, height, depth, x, y, z]; the head points along -z (the heading). */
function shape(parts: readonly (readonly [number, number, number, number, number, number])[]): THREE.BufferGeometry {
  const boxes = parts.map(([w, h, d, x, y, z]) => new THREE.BoxGeometry(w, h, d).translate(x, y, z));
  const merged = mergeGeometries(boxes);
  for (const box of boxes) box.dispose();
  if (!merged) throw new Error("creature parts could not be merged");
  return merged;
}

/** A deer: tall legs, a long tan body, a raised head with antlers: reads as prey at a glance. */
const DEER = shape([
  [0.45, 0.5, 1.15, 0, 0.95, 0],
  [0.25, 0.5, 0.25, 0, 1.35, -0.5],
  [0.24, 0.22, 0.42, 0, 1.6, -0.7],
  [0.05, 0.3, 0.05, -0.1, 1.85, -0.62],
  [0.05, 0.3, 0.05, 0.1, 1.85, -0.62],
  ...[-0.15, 0.15].flatMap((x) => [-0.42, 0.42].map((z) => [0.1, 0.72, 0.1, x, 0.36, z] as const)),
]);

/** A wolf: low, grey and long-snouted, with a tail: reads as a predator. */
const WOLF = shape([
  [0.38, 0.38, 0.95, 0, 0.62, 0],
  [0.3, 0.3, 0.32, 0, 0.8, -0.6],
  [0.16, 0.14, 0.26, 0, 0.74, -0.86],
  [0.08, 0.08, 0.45, 0, 0.7, 0.65],
  ...[-0.12, 0.12].flatMap((x) => [-0.35, 0.35].map((z) => [0.09, 0.45, 0.09, x, 0.22, z] as const)),
]);

/** Anything else the room may add later: a plain beast-sized block, so it is drawn rather than lost. */
const OTHER = shape([[0.5, 0.6, 0.8, 0, 0.6, 0]]);

const LOOKS: Readonly<Record<string, { geometry: THREE.BufferGeometry; color: number; labelHeight: number }>> = {
  deer: { geometry: DEER, color: 0xb5835a, labelHeight: 2.25 },
  wolf: { geometry: WOLF, color: 0x6e7378, labelHeight: 1.35 },
  other: { geometry: OTHER, color: 0x8f7f6a, labelHeight: 1.4 },
};

interface Slot {
  readonly index: number;
  yaw: number;
  name: string;
}

/**
 * Creatures drawn by species (one InstancedMesh each), facing where they run, lying on their side when dead, each
 * with its name above it (one label atlas). Imports no network code.
 */
export class CreatureLayer {
  readonly root = new THREE.Group();
  private readonly species = new Map<string, Species>();
  private readonly labels: LabelAtlas;
  private readonly slots = new SlotPool<Slot>(CAPACITY, (index) => ({ index, yaw: 0, name: "" }));
  private readonly matrix = new THREE.Matrix4();
  private readonly rotation = new THREE.Quaternion();
  private readonly roll = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 0, 1), Math.PI / 2);
  private readonly position = new THREE.Vector3();
  private readonly up = new THREE.Vector3(0, 1, 0);
  private readonly one = new THREE.Vector3(1, 1, 1);

  constructor(renderer: THREE.WebGLRenderer) {
    for (const [name, look] of Object.entries(LOOKS)) {
      const mesh = new THREE.InstancedMesh(look.geometry, new THREE.MeshLambertMaterial({ color: look.color }), CAPACITY);
      mesh.count = 0;
      mesh.frustumCulled = false;
      mesh.name = `creatures-${name}`;
      this.species.set(name, { mesh, labelHeight: look.labelHeight, color: `#${look.color.toString(16).padStart(6, "0")}` });
      this.root.add(mesh);
    }
    this.labels = new LabelAtlas(renderer, CAPACITY);
    this.root.add(this.labels.mesh);
  }

  /** The height above the ground of a species' name label (HP bars go just above it). */
  labelHeight(species: string): number {
    return (this.species.get(species) ?? this.species.get("other")!).labelHeight;
  }

  sync(creatures: readonly CreatureView[], facing: THREE.Quaternion): void {
    const present = new Set(creatures.map((c) => c.id));
    this.slots.retain((id) => present.has(id), (slot) => this.labels.hide(slot.index));
    const used = new Map<Species, number>();
    let labelsUsed = 0;
    for (const creature of creatures) {
      const look = this.species.get(creature.species) ?? this.species.get("other")!;
      const count = used.get(look) ?? 0;
      const slot = this.slots.slotFor(creature.id);
      if (!slot || count >= CAPACITY) continue;
      slot.yaw = facingYaw(creature.vx, creature.vy, slot.yaw);
      this.rotation.setFromAxisAngle(this.up, slot.yaw);
      if (!creature.alive) this.rotation.multiply(this.roll);
      look.mesh.setMatrixAt(count, this.matrix.compose(this.position.set(creature.x, creature.alive ? 0 : 0.3, -creature.y), this.rotation, this.one));
      used.set(look, count + 1);
      if (slot.name !== creature.name) {
        slot.name = creature.name;
        this.labels.draw(slot.index, creature.name, look.color, false);
      }
      this.labels.place(slot.index, creature.x, look.labelHeight, -creature.y, facing);
      labelsUsed = Math.max(labelsUsed, slot.index + 1);
    }
    for (const look of this.species.values()) {
      look.mesh.count = used.get(look) ?? 0;
      look.mesh.instanceMatrix.needsUpdate = true;
    }
    this.labels.commit(labelsUsed);
  }

  dispose(): void {
    for (const look of this.species.values()) {
      look.mesh.geometry.dispose();
      (look.mesh.material as THREE.Material).dispose();
      look.mesh.dispose();
    }
    this.labels.dispose();
    this.root.clear();
  }
}
