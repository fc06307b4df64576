import * as THREE from "three";
import { mulberry32 } from "@edgehold/sim-core";

/**
 * A small procedural texture: `draw` paints a size×size canvas (with `random`, a seeded generator, so every page
 * draws the same pixels), which is uploaded once. A 64–128 px canvas is a few kB of GPU memory and no download.
 * Undefined where there is no DOM (Node tests of the layers): the meshes are drawn in their plain colour then.
 */
export function canvasTexture(size: number, seed: number, draw: (context: CanvasRenderingContext2D, random: () => number) => void): THREE.CanvasTexture | undefined {
  if (typeof document === "undefined") return undefined;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const context = canvas.getContext("2d");
  if (!context) return undefined;
  const next = mulberry32(seed);
  draw(context, () => next() / 4294967296);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
  return texture;
}

/** `base` (#rrggbb) lightened (amount > 0) or darkened (< 0) by up to 1: the noise of stone, wood and grass. */
export function shade(base: string, amount: number): string {
  const n = parseInt(base.slice(1), 16);
  const channel = (shift: number) => {
    const v = (n >> shift) & 0xff;
    return Math.round(Math.max(0, Math.min(255, amount > 0 ? v + (255 - v) * amount : v * (1 + amount))));
  };
  return `rgb(${channel(16)}, ${channel(8)}, ${channel(0)})`;
}
