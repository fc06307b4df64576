import type * as THREE from "three";
import { StructureKind } from "@edgehold/protocol";
import { canvasTexture, shade } from "../../render/canvas-texture.ts";

/**
 * What each structure is made of, drawn on a 64 px canvas (~16 kB of GPU memory each, nothing downloaded): a wall
 * of stone blocks, a crate of boards with a frame and a cross brace, a floor of planks. Mapped on each face of the
 * box (BoxGeometry's UVs), multiplied by the kind's colour.
 */
export function structureTexture(kind: StructureKind): THREE.CanvasTexture | undefined {
  switch (kind) {
    case StructureKind.wall:
      return canvasTexture(64, 11, (g, random) => {
        g.fillStyle = "#5d5d66";
        g.fillRect(0, 0, 64, 64);
        // Four courses of blocks, every other one offset by half a block, with mortar between.
        for (let row = 0; row < 4; row++) {
          const offset = row % 2 ? 16 : 0;
          for (let col = -1; col < 2; col++) {
            g.fillStyle = shade("#b4b4bd", (random() - 0.5) * 0.3);
            g.fillRect(col * 32 + offset + 1, row * 16 + 1, 30, 14);
          }
        }
        speckle(g, random, 90, "rgba(0,0,0,0.12)");
      });
    case StructureKind.crate:
      return canvasTexture(64, 23, (g, random) => {
        g.fillStyle = "#e0b070";
        g.fillRect(0, 0, 64, 64);
        for (let i = 0; i < 4; i++) {
          g.fillStyle = shade("#e0b070", (random() - 0.5) * 0.25);
          g.fillRect(0, i * 16 + 1, 64, 14);
        }
        g.strokeStyle = "#8a5a2b";
        g.lineWidth = 7;
        g.strokeRect(3.5, 3.5, 57, 57);
        g.beginPath();
        g.moveTo(6, 6);
        g.lineTo(58, 58);
        g.stroke();
        speckle(g, random, 60, "rgba(90,50,20,0.18)");
      });
    case StructureKind.floor:
      return canvasTexture(64, 37, (g, random) => {
        for (let i = 0; i < 4; i++) {
          g.fillStyle = shade("#e8d8b0", (random() - 0.5) * 0.3);
          g.fillRect(i * 16, 0, 15, 64);
          // A board's end, somewhere along each plank.
          g.fillStyle = "rgba(80,55,30,0.45)";
          g.fillRect(i * 16, Math.floor(random() * 56) + 4, 15, 1);
        }
        g.fillStyle = "rgba(80,55,30,0.55)";
        for (let i = 1; i < 4; i++) g.fillRect(i * 16 - 1, 0, 1, 64);
        speckle(g, random, 40, "rgba(80,55,30,0.15)");
      });
  }
}

function speckle(g: CanvasRenderingContext2D, random: () => number, count: number, color: string): void {
  g.fillStyle = color;
  for (let i = 0; i < count; i++) g.fillRect(Math.floor(random() * 64), Math.floor(random() * 64), 1 + Math.floor(random() * 2), 1);
}
