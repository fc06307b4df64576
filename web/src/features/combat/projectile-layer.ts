import * as THREE from "three";
import { Weapon } from "@edgehold/sim-core";

/** Projectiles drawn at once per weapon: 64 players firing a few a second each, with room to spare. */
const CAPACITY_PER_WEAPON = 512;
/** Flight height (m): about chest height of the 1.6 m avatars, where a thrown or shot thing would fly. */
const FLIGHT_HEIGHT = 1.0;

/** A projectile to draw this frame: ground position (m), velocity (for its heading), weapon. */
export interface ProjectileView {
  x: number;
  y: number;
  vx: number;
  vy: number;
  weapon: number;
}

/**
 * How each weapon's projectile looks. Sizes are exaggerated over the sim's collision radius so a shot reads at the
 * follow camera's distance; the long axis of each shape lies along -z (the heading, after the yaw).
 */
function lookOf(weapon: number): { geometry: THREE.BufferGeometry; color: number } {
  switch (weapon) {
    case Weapon.axe:
      // A heavy, wide blade: reads as an axe tumbling even without animation.
      return { geometry: new THREE.BoxGeometry(0.5, 0.12, 0.3), color: 0x6b4a2b };
    case Weapon.arrow:
      return { geometry: new THREE.CylinderGeometry(0.03, 0.03, 0.8, 6).rotateX(Math.PI / 2), color: 0xe8d8a8 };
    case Weapon.bolt:
      // The mage's bolt glows (unlit material): a slow ball of light.
      return { geometry: new THREE.SphereGeometry(0.22, 12, 8), color: 0x9b6bff };
    case Weapon.dagger:
      return { geometry: new THREE.ConeGeometry(0.07, 0.4, 6).rotateX(-Math.PI / 2), color: 0xd8e0e8 };
    default:
      // A wolf's bite: a short red snap.
      return { geometry: new THREE.SphereGeometry(0.14, 8, 6), color: 0xd9480f };
  }
}

const WEAPONS_DRAWN = [Weapon.axe, Weapon.arrow, Weapon.bolt, Weapon.dagger, Weapon.bite] as const;

/** Every projectile as one InstancedMesh per weapon: five draw calls however many fly. Imports no network code. */
export class ProjectileLayer {
  readonly root = new THREE.Group();
  private readonly meshes = new Map<number, THREE.InstancedMesh>();
  private readonly matrix = new THREE.Matrix4();
  private readonly rotation = new THREE.Quaternion();
  private readonly position = new THREE.Vector3();
  private readonly up = new THREE.Vector3(0, 1, 0);
  private readonly scale = new THREE.Vector3(1, 1, 1);
  /** How many were drawn in the last frame (the debug hook reports it). */
  drawn = 0;

  constructor() {
    for (const weapon of WEAPONS_DRAWN) {
      const { geometry, color } = lookOf(weapon);
      const material = weapon === Weapon.bolt ? new THREE.MeshBasicMaterial({ color }) : new THREE.MeshLambertMaterial({ color });
      const mesh = new THREE.InstancedMesh(geometry, material, CAPACITY_PER_WEAPON);
      mesh.count = 0;
      mesh.frustumCulled = false;
      mesh.name = `projectiles-${weapon}`;
      this.meshes.set(weapon, mesh);
      this.root.add(mesh);
    }
  }

  sync(projectiles: Iterable<ProjectileView>): void {
    const used = new Map<number, number>();
    let drawn = 0;
    for (const p of projectiles) {
      const weapon = this.meshes.has(p.weapon) ? p.weapon : Weapon.bite;
      const mesh = this.meshes.get(weapon)!;
      const slot = used.get(weapon) ?? 0;
      if (slot >= CAPACITY_PER_WEAPON) continue;
      // Ground (x, y) is drawn at (x, 0, -y); heading yaw as the avatars'.
      this.rotation.setFromAxisAngle(this.up, Math.atan2(-p.vx, p.vy));
      mesh.setMatrixAt(slot, this.matrix.compose(this.position.set(p.x, FLIGHT_HEIGHT, -p.y), this.rotation, this.scale));
      used.set(weapon, slot + 1);
      drawn++;
    }
    for (const [weapon, mesh] of this.meshes) {
      mesh.count = used.get(weapon) ?? 0;
      mesh.instanceMatrix.needsUpdate = true;
    }
    this.drawn = drawn;
  }

  dispose(): void {
    for (const mesh of this.meshes.values()) {
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
    this.root.clear();
  }
}
