import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";

/** Grid spacing (m): 4 m squares read as distance at a glance (~0.7 s at top speed) without visual noise. */
const GRID_STEP = 4;
/** Width (m) of the bright strip marking the world's edge. */
const BORDER_WIDTH = 0.3;
/** Grass beyond the bounds (m), so the edge of the world is visible as an edge, not as the end of the map. */
const MARGIN = 24;

/**
 * The ground: a plane textured with the grid (a texture, not GL lines: line segments that pass behind the camera
 * are clipped away by some software rasterisers, and mipmapping fades distant lines instead of aliasing them),
 * darker grass beyond the bounds, and a bright strip along the world's edge. Unlit (the ground is flat, so light
 * would only tint it uniformly) and without overlapping layers: each ground pixel is drawn once. `varied` (a world
 * with scenery) tints the grass in broad patches, meadow and dry ground, by vertex colour: no extra draw call or
 * texture. Everything it creates is reachable from the returned group for disposal.
 */
export function createGround(halfExtent: number, anisotropy: number, varied = false): THREE.Group {
  const group = new THREE.Group();
  const size = halfExtent * 2;

  // Beyond the bounds: a frame of four strips around the playing field rather than one plane underneath it.
  const far = halfExtent + MARGIN / 2;
  group.add(
    frame(
      [
        [0, -far, size + 2 * MARGIN, MARGIN],
        [0, far, size + 2 * MARGIN, MARGIN],
        [-far, 0, MARGIN, size],
        [far, 0, MARGIN, size],
      ],
      0,
      new THREE.MeshBasicMaterial({ color: 0x24322a }),
    ),
  );

  const segments = varied ? Math.ceil(size / PATCH_STEP) : 1;
  const plane = new THREE.PlaneGeometry(size, size, segments, segments).rotateX(-Math.PI / 2);
  if (varied) patches(plane);
  const grid = new THREE.Mesh(plane, new THREE.MeshBasicMaterial({ map: gridTexture(size / GRID_STEP, anisotropy), vertexColors: varied }));
  group.add(grid);

  const h = halfExtent;
  group.add(
    frame(
      [
        [0, -h, size + BORDER_WIDTH, BORDER_WIDTH],
        [0, h, size + BORDER_WIDTH, BORDER_WIDTH],
        [-h, 0, BORDER_WIDTH, size],
        [h, 0, BORDER_WIDTH, size],
      ],
      0.01,
      new THREE.MeshBasicMaterial({ color: 0xffd166 }),
    ),
  );
  return group;
}

/** Vertex spacing (m) of a varied ground: patches a few tens of metres across need no finer grid. */
const PATCH_STEP = 8;

/**
 * Tints each vertex of the ground plane by smooth waves of its position: lusher and drier patches tens of metres
 * across, so a large world reads as places rather than one repeated tile. A look only (nothing in the sim).
 */
function patches(plane: THREE.BufferGeometry): void {
  const position = plane.getAttribute("position");
  const colors = new Float32Array(position.count * 3);
  for (let i = 0; i < position.count; i++) {
    const [x, z] = [position.getX(i), position.getZ(i)];
    // Wavelengths of 50–150 m: a patch or two on every screen (the camera shows ~30 m), never a visible repeat.
    const wave = Math.sin(x * 0.061 + Math.sin(z * 0.043) * 2) * Math.cos(z * 0.052 - x * 0.019) + 0.5 * Math.sin((x + z) * 0.11);
    const dry = Math.max(0, Math.min(1, 0.5 + 0.45 * wave));
    // Lush (greener, darker) to dry (yellower, lighter), multiplying the grid texture's grass.
    colors.set([0.85 + 0.45 * dry, 1.0 + 0.12 * dry, 0.8 + 0.1 * (1 - dry)], i * 3);
  }
  plane.setAttribute("color", new THREE.BufferAttribute(colors, 3));
}

/** Flat rectangles [centre x, centre z, width, depth] merged into one mesh: one draw call for all four. */
function frame(rects: readonly (readonly [number, number, number, number])[], y: number, material: THREE.Material): THREE.Mesh {
  const parts = rects.map(([x, z, w, d]) => new THREE.PlaneGeometry(w, d).rotateX(-Math.PI / 2).translate(x, y, z));
  const merged = mergeGeometries(parts);
  for (const part of parts) part.dispose();
  if (!merged) throw new Error("ground strips could not be merged");
  return new THREE.Mesh(merged, material);
}

/** One grass tile with a light line along two edges, repeated `repeat` times across the ground. */
function gridTexture(repeat: number, anisotropy: number): THREE.CanvasTexture {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 128;
  const context = canvas.getContext("2d");
  if (context) {
    context.fillStyle = "#3d5a40";
    context.fillRect(0, 0, 128, 128);
    context.fillStyle = "#5f7f5f";
    context.fillRect(0, 0, 128, 3);
    context.fillRect(0, 0, 3, 128);
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
  texture.repeat.set(repeat, repeat);
  texture.anisotropy = anisotropy;
  return texture;
}
