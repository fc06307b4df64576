import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { canvasTexture, shade } from "./canvas-texture.ts";

/**
 * Metres one grass texture covers: blades and tufts at ~3 cm a texel read as grass from the follow camera, and a
 * 4 m repeat is hidden under the broad tint patches.
 */
const GRASS_TILE_METRES = 4;
/** Width (m) of the bright strip marking the world's edge. */
const BORDER_WIDTH = 0.3;
/** Grass beyond the bounds (m), so the edge of the world is visible as an edge, not as the end of the map. */
const MARGIN = 24;

/**
 * The ground: a plane textured with grass (a 128 px procedural canvas, ~64 kB of GPU memory, nothing downloaded),
 * tinted in broad patches, meadow and dry ground, by vertex colour (no extra draw call or texture), darker grass
 * beyond the bounds, and a bright strip along the world's edge. Without overlapping layers: each ground pixel is drawn
 * once. `lit` (a device that draws shadows) makes it receive the sun's shadows; otherwise it is unlit (flat ground
 * would only be tinted uniformly by the light). Everything it creates is reachable from the returned group for
 * disposal.
 */
export function createGround(halfExtent: number, anisotropy: number, lit = false): THREE.Group {
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

  const segments = Math.ceil(size / PATCH_STEP);
  const plane = new THREE.PlaneGeometry(size, size, segments, segments).rotateX(-Math.PI / 2);
  patches(plane);
  const map = grassTexture(size / GRASS_TILE_METRES, anisotropy);
  const grass = new THREE.Mesh(plane, lit ? new THREE.MeshLambertMaterial({ map, vertexColors: true }) : new THREE.MeshBasicMaterial({ map, vertexColors: true }));
  grass.receiveShadow = lit;
  group.add(grass);

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

/** Grass: a dark green field with lighter and darker blades and a few clover spots, repeated `repeat` times across. */
function grassTexture(repeat: number, anisotropy: number): THREE.CanvasTexture | undefined {
  const texture = canvasTexture(128, 5, (g, random) => {
    g.fillStyle = "#46663f";
    g.fillRect(0, 0, 128, 128);
    for (let i = 0; i < 1400; i++) {
      g.fillStyle = shade("#46663f", (random() - 0.5) * 0.28);
      g.fillRect(Math.floor(random() * 128), Math.floor(random() * 128), 1, 2 + Math.floor(random() * 3));
    }
    for (let i = 0; i < 14; i++) {
      g.fillStyle = shade("#5a7d4a", (random() - 0.5) * 0.2);
      g.beginPath();
      g.arc(random() * 128, random() * 128, 1.5 + random() * 2.5, 0, Math.PI * 2);
      g.fill();
    }
  });
  if (!texture) return undefined;
  texture.repeat.set(repeat, repeat);
  texture.anisotropy = anisotropy;
  return texture;
}
