import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { TileKind, type Scenery } from "@edgehold/sim-core";

/**
 * Cells (m) the scenery is bucketed in for distance culling: the drawn set is refilled only when the followed point
 * crosses into another cell, so a frame costs one comparison and a refill a few hundred matrix copies.
 */
const CELL = 16;
/** A landmark stone's height (m): a ring's pillars, and the taller obelisk. */
const PILLAR_HEIGHT = 2.6;
const OBELISK_HEIGHT = 5.5;

/** One kind's instances: every transform, bucketed by cell, and the one instanced mesh drawing those near you. */
interface KindInstances {
  readonly mesh: THREE.InstancedMesh;
  readonly matrices: Float32Array;
  readonly colors: Float32Array;
  readonly cells: Map<number, number[]>;
}

const cellKey = (cx: number, cy: number) => (cy + 1024) * 2048 + (cx + 1024);

/**
 * A world's scenery on screen: trees, rocks and landmark stones, each kind one InstancedMesh (one draw call), drawing
 * only what lies within `radius` m of the followed point (beyond it the fog has already hidden everything, so nothing
 * pops in). Built once from the tiles the predicting sim holds (sim-core's generateScenery): each drawn where it
 * blocks. Looks (size, turn, shade) vary by a hash of the tile, the same on every visit.
 */
export class SceneryLayer {
  readonly root = new THREE.Group();
  private readonly kinds: KindInstances[];
  private drawnCell = Number.NaN;

  constructor(scenery: Scenery, private readonly radius: number) {
    const obelisk = new Set<string>();
    for (const { x, y, shape } of scenery.landmarks) {
      if (shape === "obelisk") for (const [dx, dy] of [[-1, -1], [0, -1], [-1, 0], [0, 0]]) obelisk.add(`${x + dx!},${y + dy!}`);
    }
    const byKind = new Map<TileKind, { tx: number; ty: number }[]>([[TileKind.tree, []], [TileKind.rock, []], [TileKind.stone, []]]);
    for (const tile of scenery.tiles) byKind.get(tile.kind)?.push(tile);
    this.kinds = [
      this.instances(treeGeometry(), byKind.get(TileKind.tree)!, (m, c, h) => place(m, c, h, 0.8 + 0.4 * h[0]!, 0.85 + 0.3 * h[1]!, [0.75 + 0.35 * h[2]!, 0.85 + 0.3 * h[1]!, 0.75])),
      this.instances(rockGeometry(), byKind.get(TileKind.rock)!, (m, c, h) => place(m, c, h, 0.8 + 0.35 * h[0]!, 0.6 + 0.5 * h[1]!, [0.85 + 0.15 * h[2]!, 0.85 + 0.15 * h[2]!, 0.85 + 0.15 * h[2]!])),
      this.instances(stoneGeometry(), byKind.get(TileKind.stone)!, (m, c, h, tile) =>
        place(m, c, h, 1, obelisk.has(`${tile.tx},${tile.ty}`) ? OBELISK_HEIGHT : PILLAR_HEIGHT, [0.9, 0.88, 0.82], false),
      ),
    ];
    for (const kind of this.kinds) this.root.add(kind.mesh);
  }

  /** Draws what lies within the radius of (x, y) (m, world coordinates); refills only on entering another cell. */
  update(x: number, y: number): void {
    const cx = Math.floor(x / CELL);
    const cy = Math.floor(y / CELL);
    const key = cellKey(cx, cy);
    if (key === this.drawnCell) return;
    this.drawnCell = key;
    const reach = Math.ceil(this.radius / CELL);
    for (const { mesh, matrices, colors, cells } of this.kinds) {
      const matrixArray = mesh.instanceMatrix.array as Float32Array;
      const colorArray = mesh.instanceColor!.array as Float32Array;
      let count = 0;
      for (let dy = -reach; dy <= reach; dy++) {
        for (let dx = -reach; dx <= reach; dx++) {
          // Cells whose nearest point lies beyond the radius (from this cell's nearest edge) are skipped.
          const gapX = Math.max(0, Math.abs(dx) - 1) * CELL;
          const gapY = Math.max(0, Math.abs(dy) - 1) * CELL;
          if (gapX * gapX + gapY * gapY > this.radius * this.radius) continue;
          for (const i of cells.get(cellKey(cx + dx, cy + dy)) ?? []) {
            matrixArray.set(matrices.subarray(i * 16, i * 16 + 16), count * 16);
            colorArray.set(colors.subarray(i * 3, i * 3 + 3), count * 3);
            count++;
          }
        }
      }
      mesh.count = count;
      // Nothing of this kind near: not drawn at all (a draw of zero instances still costs the renderer's work).
      mesh.visible = count > 0;
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor!.needsUpdate = true;
    }
  }

  /** How many instances each kind draws now (tree, rock, stone): for tests and the frame-cost figures. */
  drawnCounts(): number[] {
    return this.kinds.map((kind) => kind.mesh.count);
  }

  dispose(): void {
    for (const { mesh } of this.kinds) {
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
      mesh.dispose();
    }
  }

  private instances(
    geometry: THREE.BufferGeometry,
    tiles: readonly { tx: number; ty: number }[],
    transform: (matrix: THREE.Matrix4, color: THREE.Color, hash: readonly number[], tile: { tx: number; ty: number }) => void,
  ): KindInstances {
    const mesh = new THREE.InstancedMesh(geometry, new THREE.MeshLambertMaterial({ vertexColors: true }), Math.max(1, tiles.length));
    mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    mesh.setColorAt(0, new THREE.Color(1, 1, 1));
    // The instances change with the followed point: the mesh's own bounds would be stale, and culling is done here.
    mesh.frustumCulled = false;
    mesh.castShadow = true;
    mesh.count = 0;
    const matrices = new Float32Array(tiles.length * 16);
    const colors = new Float32Array(tiles.length * 3);
    const cells = new Map<number, number[]>();
    const [matrix, color] = [new THREE.Matrix4(), new THREE.Color()];
    tiles.forEach((tile, i) => {
      matrix.makeTranslation(tile.tx + 0.5, 0, -(tile.ty + 0.5));
      transform(matrix, color, tileHash(tile.tx, tile.ty), tile);
      matrix.toArray(matrices, i * 16);
      color.toArray(colors, i * 3);
      const key = cellKey(Math.floor((tile.tx + 0.5) / CELL), Math.floor((tile.ty + 0.5) / CELL));
      const cell = cells.get(key);
      if (cell) cell.push(i);
      else cells.set(key, [i]);
    });
    return { mesh, matrices, colors, cells };
  }
}

const scratch = new THREE.Matrix4();

/** Scales the tile's matrix (width, height), turns it by the hash (unless `turn` is false) and sets its shade. */
function place(matrix: THREE.Matrix4, color: THREE.Color, hash: readonly number[], width: number, height: number, rgb: readonly number[], turn = true): void {
  if (turn) matrix.multiply(scratch.makeRotationY(hash[3]! * Math.PI * 2));
  matrix.multiply(scratch.makeScale(width, height, width));
  color.setRGB(rgb[0]!, rgb[1]!, rgb[2]!);
}

/** Four numbers in [0, 1) from a tile's coordinates: its looks, the same each time it is drawn. */
function tileHash(tx: number, ty: number): number[] {
  let h = Math.imul(tx, 0x27d4eb2d) ^ Math.imul(ty, 0x165667b1);
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    out.push((h >>> 0) / 0x1_0000_0000);
  }
  return out;
}

/** Vertex colours over a whole geometry (merged parts keep their own). */
function tinted(geometry: THREE.BufferGeometry, hex: number): THREE.BufferGeometry {
  const color = new THREE.Color(hex);
  const count = geometry.getAttribute("position").count;
  const colors = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) color.toArray(colors, i * 3);
  geometry.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  return geometry;
}

function merged(parts: THREE.BufferGeometry[]): THREE.BufferGeometry {
  const geometry = mergeGeometries(parts.map((part) => part.toNonIndexed()));
  for (const part of parts) part.dispose();
  if (!geometry) throw new Error("scenery parts could not be merged");
  return geometry;
}

/** A conifer: trunk and two cones, ~3.4 m tall, the lower cone about the blocking tile's width. */
function treeGeometry(): THREE.BufferGeometry {
  return merged([
    tinted(new THREE.CylinderGeometry(0.14, 0.2, 1.1, 6).translate(0, 0.55, 0), 0x6b4a2f),
    tinted(new THREE.ConeGeometry(0.95, 1.7, 7).translate(0, 1.7, 0), 0x2f6b3a),
    tinted(new THREE.ConeGeometry(0.7, 1.4, 7).translate(0, 2.6, 0), 0x3a7f45),
  ]);
}

/** A boulder: a low, faceted stone about a tile wide. */
function rockGeometry(): THREE.BufferGeometry {
  return merged([tinted(new THREE.DodecahedronGeometry(0.55, 0).scale(1, 0.75, 0.9).translate(0, 0.3, 0), 0x8a8a84)]);
}

/** A dressed stone a tile wide and 1 m tall (scaled to a pillar's or an obelisk's height), with a darker cap. */
function stoneGeometry(): THREE.BufferGeometry {
  return merged([
    tinted(new THREE.BoxGeometry(0.9, 0.94, 0.9).translate(0, 0.47, 0), 0xb8b2a4),
    tinted(new THREE.BoxGeometry(0.96, 0.06, 0.96).translate(0, 0.97, 0), 0x8c8678),
  ]);
}
