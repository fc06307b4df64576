import * as THREE from "three";
import { HELD_ITEMS, figureGeometry, heldGeometry, torsoGeometry, type HeldItem } from "./avatar-parts.ts";
import type { AvatarPose } from "./world-view.ts";

/**
 * The avatars as instanced meshes: torsos (the player's colour), heads, legs, one mesh per held item (axe, bow,
 * staff, daggers) and ground shadows: one draw call each for the whole room (8), where meshes per avatar would be
 * ~6 per player (~400 at 64 players). Slot i of each mesh is one avatar; unused slots (and the items an avatar does
 * not hold) are scaled to nothing. Each slot has an opacity (an avatar fading in or out of view): the body parts
 * dissolve by hashed alpha (stays in the opaque pass: no sorting between overlapping avatars), shadows blend.
 */
export class AvatarInstances {
  readonly root = new THREE.Group();
  private readonly bodies: THREE.InstancedMesh;
  /** Head and legs: one mesh (both vertex-coloured, the same for everyone). */
  private readonly figures: THREE.InstancedMesh;
  /** One mesh per held item, in HELD_ITEMS' order (arrays, not a Map: the per-slot loop then makes no garbage). */
  private readonly heldMeshes: THREE.InstancedMesh[];
  private readonly shadows: THREE.InstancedMesh;
  /** The items someone holds this frame: a mesh nobody's item is hidden (not drawn with zero instances). */
  private readonly holding = new Set<HeldItem>();
  /** Every mesh, for the per-slot and per-frame loops. */
  private readonly meshes: THREE.InstancedMesh[];
  private readonly matrix = new THREE.Matrix4();
  private readonly offset = new THREE.Matrix4();
  private readonly rotation = new THREE.Quaternion();
  private readonly position = new THREE.Vector3();
  private readonly up = new THREE.Vector3(0, 1, 0);
  private readonly euler = new THREE.Euler();
  private readonly tilt = new THREE.Quaternion();
  private readonly color = new THREE.Color();
  /** Per-slot opacity (0..1), one attribute shared by the three meshes' geometries. */
  private readonly opacities: THREE.InstancedBufferAttribute;
  private readonly hidden = new THREE.Matrix4().makeScale(0, 0, 0);
  /** Local transforms of the parts relative to the avatar's ground point. */
  private readonly shadowOffset = new THREE.Matrix4().makeTranslation(0, 0.01, 0).multiply(new THREE.Matrix4().makeRotationX(-Math.PI / 2));

  constructor(readonly capacity: number) {
    this.opacities = new THREE.InstancedBufferAttribute(new Float32Array(capacity).fill(1), 1);
    this.opacities.setUsage(THREE.DynamicDrawUsage);
    // A person about 1.8 m tall (the sim's body box is 0.8 m wide): parts built in avatar-parts.ts.
    const parts = new THREE.MeshLambertMaterial({ vertexColors: true, alphaHash: true });
    this.bodies = this.instanced(torsoGeometry(), new THREE.MeshLambertMaterial({ color: 0xffffff, alphaHash: true }));
    this.figures = this.instanced(figureGeometry(), parts);
    this.heldMeshes = HELD_ITEMS.map((item) => this.instanced(heldGeometry(item), parts.clone()));
    this.shadows = this.instanced(
      new THREE.CircleGeometry(0.5, 24),
      new THREE.MeshBasicMaterial({ color: 0x000000, transparent: true, opacity: 0.25, depthWrite: false }),
    );
    this.meshes = [this.bodies, this.figures, ...this.heldMeshes, this.shadows];
    // Where the sun casts shadows (render-quality.ts): the body parts do; the blob under each stays for depth anyway.
    for (const mesh of this.meshes) mesh.castShadow = mesh !== this.shadows;
    // Per-instance colour for bodies: initialise the attribute so every slot has one.
    for (let slot = 0; slot < capacity; slot++) this.bodies.setColorAt(slot, this.color.set(0xffffff));
  }

  setColor(slot: number, color: string): void {
    this.bodies.setColorAt(slot, this.color.set(color));
    if (this.bodies.instanceColor) this.bodies.instanceColor.needsUpdate = true;
  }

  /**
   * Places slot's avatar at ground point (x, z), facing `yaw` radians about +y, `opacity` opaque, in `pose` if it has
   * one, holding `held`, lifted `bob` metres (the walk's step).
   */
  place(slot: number, x: number, z: number, yaw: number, opacity: number, pose: AvatarPose | undefined, held: HeldItem, bob: number): void {
    this.opacities.setX(slot, opacity);
    this.rotation.setFromAxisAngle(this.up, yaw + (pose?.spin ?? 0));
    // Pitch leans toward the nose (-z), roll about it: in the avatar's own frame, after its facing.
    if (pose) this.rotation.multiply(this.tilt.setFromEuler(this.euler.set(-pose.pitch, 0, pose.roll)));
    const base = this.matrix.compose(this.position.set(x, (pose?.lift ?? 0) + bob, z), this.rotation, ONE);
    this.bodies.setMatrixAt(slot, base);
    this.figures.setMatrixAt(slot, base);
    for (let i = 0; i < HELD_ITEMS.length; i++) this.heldMeshes[i]!.setMatrixAt(slot, HELD_ITEMS[i] === held ? base : this.hidden);
    this.holding.add(held);
    // The shadow stays on the ground under a jumping or leaning avatar (a disc: its facing does not matter).
    this.shadows.setMatrixAt(slot, pose ? this.offset.makeTranslation(x, 0, z).multiply(this.shadowOffset) : this.offset.multiplyMatrices(base, this.shadowOffset));
  }

  hide(slot: number): void {
    for (const mesh of this.meshes) mesh.setMatrixAt(slot, this.hidden);
  }

  /** Call once per frame after placing: draws and uploads only slots below `used` (one past the highest in use). */
  commit(used: number): void {
    for (let i = 0; i < HELD_ITEMS.length; i++) this.heldMeshes[i]!.visible = this.holding.has(HELD_ITEMS[i]!);
    this.holding.clear();
    for (const mesh of this.meshes) {
      mesh.count = used;
      mesh.instanceMatrix.clearUpdateRanges();
      mesh.instanceMatrix.addUpdateRange(0, used * 16);
      mesh.instanceMatrix.needsUpdate = true;
    }
    this.opacities.clearUpdateRanges();
    this.opacities.addUpdateRange(0, used);
    this.opacities.needsUpdate = true;
  }

  dispose(): void {
    for (const mesh of this.meshes) {
      mesh.geometry.dispose();
      const material = mesh.material;
      if (material instanceof THREE.Material) material.dispose();
      mesh.dispose();
    }
    this.root.clear();
  }

  private instanced(geometry: THREE.BufferGeometry, material: THREE.Material): THREE.InstancedMesh {
    geometry.setAttribute("instanceOpacity", this.opacities);
    withInstanceOpacity(material);
    const mesh = new THREE.InstancedMesh(geometry, material, this.capacity);
    // Instances roam the whole world; the mesh's own bounds say nothing about them.
    mesh.frustumCulled = false;
    for (let slot = 0; slot < this.capacity; slot++) mesh.setMatrixAt(slot, this.hidden);
    this.root.add(mesh);
    return mesh;
  }
}

const ONE = new THREE.Vector3(1, 1, 1);

/** Multiplies a built-in material's alpha by the instance's `instanceOpacity` attribute. */
function withInstanceOpacity(material: THREE.Material): void {
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace("#include <common>", "#include <common>\nattribute float instanceOpacity;\nvarying float vInstanceOpacity;")
      .replace("#include <begin_vertex>", "#include <begin_vertex>\nvInstanceOpacity = instanceOpacity;");
    shader.fragmentShader = shader.fragmentShader
      .replace("#include <common>", "#include <common>\nvarying float vInstanceOpacity;")
      .replace("#include <color_fragment>", "#include <color_fragment>\ndiffuseColor.a *= vInstanceOpacity;");
  };
  // The patched program differs from the built-in one: do not share a cached program with an unpatched material.
  material.customProgramCacheKey = () => "instance-opacity";
}
