import * as THREE from "three";

/** Bars drawn at most: every player (128) and a full wildlife population, with room to spare. */
const CAPACITY = 256;
/** Bar size (m): as wide as a name label is tall ×2, thin enough not to hide the avatar. */
const WIDTH = 0.9;
const HEIGHT = 0.1;

/** One bar to draw: where (ground point and height above it, m) and how full. */
export interface HpBarView {
  x: number;
  y: number;
  height: number;
  hp: number;
  maxHp: number;
}

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

  sync(bars: Iterable<HpBarView>, facing: THREE.Quaternion): void {
    this.right.set(1, 0, 0).applyQuaternion(facing);
    let n = 0;
    for (const bar of bars) {
      if (n >= CAPACITY || !(bar.maxHp > 0)) continue;
      const fraction = Math.max(0, Math.min(1, bar.hp / bar.maxHp));
      this.position.set(bar.x, bar.height, -bar.y);
      this.back.setMatrixAt(n, this.matrix.compose(this.position, facing, this.scale.set(WIDTH + 0.04, HEIGHT + 0.04, 1)));
      // Left-aligned: the fill's centre moves left by half of what it lost.
      this.position.addScaledVector(this.right, (-(1 - fraction) * WIDTH) / 2);
      this.fill.setMatrixAt(n, this.matrix.compose(this.position, facing, this.scale.set(Math.max(1e-3, WIDTH * fraction), HEIGHT, 1)));
      this.fill.setColorAt(n, this.color.set(fraction > 0.5 ? 0x40c057 : fraction > 0.25 ? 0xfab005 : 0xfa5252));
      n++;
    }
    for (const mesh of [this.back, this.fill]) {
      mesh.count = n;
      mesh.instanceMatrix.needsUpdate = true;
    }
    if (this.fill.instanceColor) this.fill.instanceColor.needsUpdate = true;
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
