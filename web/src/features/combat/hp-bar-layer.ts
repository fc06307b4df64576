import * as THREE from "three";

/** Bars drawn at most: every player (128) and a full wildlife population, with room to spare. */
const CAPACITY = 256;
/** Bar size (m): as wide as a name label is tall ×2, thin enough not to hide the avatar. */
const WIDTH = 0.9;
const HEIGHT = 0.1;

/**
 * HP bars over heads: a dark back and a coloured fill (green, yellow under half, red under a quarter), both facing the
 * camera, two instanced draw calls for every bar. Drawn over everything (no depth test), like the name labels.
 */
export class HpBarLayer {
  readonly root = new THREE.Group();
  private readonly back: THREE.InstancedMesh;
  private readonly fill: THREE.InstancedMesh;
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();
  private readonly scale = new THREE.Vector3();
  private readonly right = new THREE.Vector3();
  private readonly color = new THREE.Color();

  constructor() {
    const geometry = new THREE.PlaneGeometry(1, 1);
    this.back = this.instanced(geometry, new THREE.MeshBasicMaterial({ color: 0x111111, transparent: true, opacity: 0.7, depthTest: false, depthWrite: false }), 11);
    // Transparent like the back (at full opacity): three draws opaque meshes before transparent ones whatever their
    // renderOrder, so an opaque fill would vanish under its own back.
    this.fill = this.instanced(geometry, new THREE.MeshBasicMaterial({ color: 0xffffff, transparent: true, depthTest: false, depthWrite: false }), 12);
    for (let i = 0; i < CAPACITY; i++) this.fill.setColorAt(i, this.color.set(0xffffff));
  }

  /** The bars drawn so far this frame (between `begin` and `end`). */
  private count = 0;
  private readonly facing = new THREE.Quaternion();

  /**
   * Starts a frame's bars, all facing `facing` (the camera's). Bars are then added one by one with `add` and drawn
   * by `end`: no list of bars is built, so a frame of 65 bars makes no garbage.
   */
  begin(facing: THREE.Quaternion): void {
    this.facing.copy(facing);
    this.right.set(1, 0, 0).applyQuaternion(facing);
    this.count = 0;
  }

  /** A bar over ground point (x, y) at `height` m, `hp` of `maxHp` full. */
  add(x: number, y: number, height: number, hp: number, maxHp: number): void {
    const n = this.count;
    if (n >= CAPACITY || !(maxHp > 0)) return;
    const fraction = Math.max(0, Math.min(1, hp / maxHp));
    this.position.set(x, height, -y);
    this.back.setMatrixAt(n, this.matrix.compose(this.position, this.facing, this.scale.set(WIDTH + 0.04, HEIGHT + 0.04, 1)));
    // Left-aligned: the fill's centre moves left by half of what it lost.
    this.position.addScaledVector(this.right, (-(1 - fraction) * WIDTH) / 2);
    this.fill.setMatrixAt(n, this.matrix.compose(this.position, this.facing, this.scale.set(Math.max(1e-3, WIDTH * fraction), HEIGHT, 1)));
    this.fill.setColorAt(n, this.color.set(fraction > 0.5 ? 0x40c057 : fraction > 0.25 ? 0xfab005 : 0xfa5252));
    this.count = n + 1;
  }

  /** Draws the bars added since `begin`, uploading only their slots. */
  end(): void {
    const n = this.count;
    for (const mesh of [this.back, this.fill]) {
      mesh.count = n;
      mesh.instanceMatrix.clearUpdateRanges();
      mesh.instanceMatrix.addUpdateRange(0, n * 16);
      mesh.instanceMatrix.needsUpdate = true;
    }
    const colors = this.fill.instanceColor;
    if (colors) {
      colors.clearUpdateRanges();
      colors.addUpdateRange(0, n * 3);
      colors.needsUpdate = true;
    }
  }

  dispose(): void {
    this.back.geometry.dispose();
    for (const mesh of [this.back, this.fill]) {
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
    this.root.clear();
  }

  private instanced(geometry: THREE.BufferGeometry, material: THREE.Material, renderOrder: number): THREE.InstancedMesh {
    const mesh = new THREE.InstancedMesh(geometry, material, CAPACITY);
    mesh.count = 0;
    mesh.frustumCulled = false;
    mesh.renderOrder = renderOrder;
    this.root.add(mesh);
    return mesh;
  }
}
