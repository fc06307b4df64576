import * as THREE from "three";
import { isStructureKind, isTileCoordinate, STRUCTURE_KINDS, type StructureKind } from "@edgehold/protocol";
import { STRUCTURE_LOOKS, structureGeometry, tileCentre } from "./structure-meshes.ts";
import { structureTexture } from "./structure-textures.ts";

/** Instances per kind: the room's structure limit (10,000), so one kind can fill it (~640 KB of matrices each). */
export const STRUCTURE_CAPACITY = 10_000;

/**
 * The room's structures as one InstancedMesh per kind: three draw calls for up to 10,000 structures. `sync` takes
 * the `build` channel (structure id → fields, as the replica holds it) and rewrites the instances when it changed;
 * it imports no network code.
 */
export class StructureLayer {
  readonly root = new THREE.Group();
  private readonly meshes = new Map<StructureKind, THREE.InstancedMesh>();
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();
  private lastVersion: number | undefined;

  constructor(capacity = STRUCTURE_CAPACITY) {
    for (const kind of STRUCTURE_KINDS) {
      const map = structureTexture(kind);
      // Textured: the texture's own colours are the look (white, not the kind's colour, tints it).
      const material = map ? new THREE.MeshLambertMaterial({ map }) : new THREE.MeshLambertMaterial({ color: STRUCTURE_LOOKS[kind].color });
      const mesh = new THREE.InstancedMesh(structureGeometry(kind), material, capacity);
      mesh.castShadow = mesh.receiveShadow = true;
      mesh.count = 0;
      // Instances cover the whole world; the mesh's own bounds say nothing about them.
      mesh.frustumCulled = false;
      mesh.name = `structures-${kind}`;
      this.meshes.set(kind, mesh);
      this.root.add(mesh);
    }
  }

  /** How many structures of `kind` are drawn. */
  count(kind: StructureKind): number {
    return this.meshes.get(kind)!.count;
  }

  /**
   * Draws the structures of the `build` channel. `version` changes whenever the channel may have (the room
   * client's `channelVersion("build")`: full snapshots and deltas that carried it); the same version as the last call skips the work, so
   * calling this every frame costs nothing until structures change.
   */
  sync(structures: ReadonlyMap<string, Record<string, unknown>> | undefined, version: number): void {
    if (version === this.lastVersion) return;
    this.lastVersion = version;
    const used = new Map<StructureKind, number>(STRUCTURE_KINDS.map((kind) => [kind, 0]));
    for (const fields of structures?.values() ?? []) {
      const { tx, ty, kind } = fields;
      if (!isTileCoordinate(tx) || !isTileCoordinate(ty) || !isStructureKind(kind)) continue;
      const mesh = this.meshes.get(kind)!;
      const slot = used.get(kind)!;
      if (slot >= mesh.instanceMatrix.count) continue;
      mesh.setMatrixAt(slot, this.matrix.makeTranslation(tileCentre(tx, ty, this.position)));
      used.set(kind, slot + 1);
    }
    for (const [kind, mesh] of this.meshes) {
      mesh.count = used.get(kind)!;
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  dispose(): void {
    for (const mesh of this.meshes.values()) {
      mesh.geometry.dispose();
      (mesh.material as THREE.MeshLambertMaterial).map?.dispose();
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
    this.root.clear();
  }
}
