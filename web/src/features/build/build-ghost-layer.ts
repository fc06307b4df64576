import * as THREE from "three";
import { isStructureKind, isTileCoordinate, STRUCTURE_KINDS, type StructureKind } from "@edgehold/protocol";
import { STRUCTURE_LOOKS, structureGeometry, tileCentre } from "./structure-meshes.ts";

/** Other players' ghosts drawn at most: a room's player cap is 64, so 128 leaves room for creatures' someday. */
const OTHER_GHOST_CAPACITY = 128;
/** A placement the room would refuse here (out of reach, occupied, protected): your own ghost turns this red. */
const REFUSED_COLOR = 0xd64545;
/** …and green where it would be accepted: the two answers a builder needs, told apart at a glance. */
const ACCEPTED_COLOR = 0x51cf66;
/** Your own ghost is clearly visible; others' are faint, so they hint without cluttering your view. */
const OWN_OPACITY = 0.55;
const OTHERS_OPACITY = 0.25;

export interface Ghost {
  tx: number;
  ty: number;
  kind: StructureKind;
}

/** The own ghost as the player sees it: `green` where the room would accept it, `red` where not (else its #rrggbb). */
export interface DrawnGhost extends Ghost {
  color: string;
}

/**
 * Build previews as translucent ghosts: your own (one mesh per kind, one shown) and other players' (the
 * `build_preview` channel, entity id → tile and kind; one InstancedMesh per kind). Imports no network code.
 */
export class BuildGhostLayer {
  readonly root = new THREE.Group();
  private readonly own = new Map<StructureKind, THREE.Mesh>();
  private readonly others = new Map<StructureKind, THREE.InstancedMesh>();
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();

  constructor() {
    for (const kind of STRUCTURE_KINDS) {
      const geometry = structureGeometry(kind);
      const own = new THREE.Mesh(geometry, ghostMaterial(STRUCTURE_LOOKS[kind].color, OWN_OPACITY));
      own.visible = false;
      own.name = `own-ghost-${kind}`;
      this.own.set(kind, own);
      const others = new THREE.InstancedMesh(geometry, ghostMaterial(STRUCTURE_LOOKS[kind].color, OTHERS_OPACITY), OTHER_GHOST_CAPACITY);
      others.count = 0;
      others.frustumCulled = false;
      others.name = `other-ghosts-${kind}`;
      this.others.set(kind, others);
      this.root.add(own, others);
    }
  }

  /**
   * Shows `ownGhost` (undefined: none; red when `refused`: the room would not accept it there) and every other
   * entity's preview in `previews` (the own entity's entry, which the room echoes back, is skipped: the local ghost is
   * already drawn, without the round trip).
   */
  sync(ownGhost: Ghost | undefined, previews: ReadonlyMap<string, Record<string, unknown>> | undefined, selfEntityId: string | undefined, refused = false): void {
    for (const [kind, mesh] of this.own) {
      mesh.visible = ownGhost?.kind === kind;
      if (!ownGhost || !mesh.visible) continue;
      tileCentre(ownGhost.tx, ownGhost.ty, mesh.position);
      (mesh.material as THREE.MeshLambertMaterial).color.setHex(refused ? REFUSED_COLOR : ACCEPTED_COLOR);
    }
    const used = new Map<StructureKind, number>(STRUCTURE_KINDS.map((kind) => [kind, 0]));
    for (const [id, fields] of previews ?? []) {
      if (id === selfEntityId) continue;
      const { tx, ty, kind } = fields;
      if (!isTileCoordinate(tx) || !isTileCoordinate(ty) || !isStructureKind(kind)) continue;
      const mesh = this.others.get(kind)!;
      const slot = used.get(kind)!;
      if (slot >= OTHER_GHOST_CAPACITY) continue;
      mesh.setMatrixAt(slot, this.matrix.makeTranslation(tileCentre(tx, ty, this.position)));
      used.set(kind, slot + 1);
    }
    for (const [kind, mesh] of this.others) {
      mesh.count = used.get(kind)!;
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  /** How many other players' ghosts of `kind` are drawn, whether the own ghost shows as `kind`, and whether it is red (else green). */
  shown(kind: StructureKind): { own: boolean; others: number; refused: boolean } {
    const own = this.own.get(kind)!;
    return { own: own.visible, others: this.others.get(kind)!.count, refused: (own.material as THREE.MeshLambertMaterial).color.getHex() === REFUSED_COLOR };
  }

  /**
   * The own ghost as drawn (read back from its mesh: the tile it stands on, its kind and colour), undefined while none
   * shows: what the player sees, for the page's debug hook.
   */
  ownGhost(): DrawnGhost | undefined {
    for (const [kind, mesh] of this.own) {
      if (!mesh.visible) continue;
      const hex = (mesh.material as THREE.MeshLambertMaterial).color.getHex();
      const color = hex === ACCEPTED_COLOR ? "green" : hex === REFUSED_COLOR ? "red" : `#${hex.toString(16).padStart(6, "0")}`;
      // tileCentre's inverse: ground point (x, y) is drawn at (x, 0, -y), a tile's centre half a metre in.
      return { tx: Math.floor(mesh.position.x), ty: Math.floor(-mesh.position.z), kind, color };
    }
    return undefined;
  }

  dispose(): void {
    for (const kind of STRUCTURE_KINDS) {
      const own = this.own.get(kind)!;
      own.geometry.dispose();
      (own.material as THREE.Material).dispose();
      const others = this.others.get(kind)!;
      (others.material as THREE.Material).dispose();
      others.dispose();
    }
    this.root.clear();
  }
}

function ghostMaterial(color: number, opacity: number): THREE.MeshLambertMaterial {
  // depthWrite off: a ghost never hides what stands behind it.
  return new THREE.MeshLambertMaterial({ color, transparent: true, opacity, depthWrite: false });
}
