import { describe, expect, it } from "vitest";
import { InputBit, mulberry32 } from "@edgehold/sim-core";
import { freshMemory, think, type CreatureView, type Sighting } from "../src/features/wildlife/brain.ts";
import { SPECIES } from "../src/features/wildlife/species.ts";
import type { CreatureInput } from "../src/room/room-world.ts";

const species = (id: string) => SPECIES.find((s) => s.id === id)!;
/** A creature at the origin (home), at rest, seeing a player `distance` m to its east (or nobody). */
const view = (distance: number | undefined): CreatureView => ({
  x: 0,
  y: 0,
  vx: 0,
  vy: 0,
  homeX: 0,
  homeY: 0,
  nearest: distance === undefined ? undefined : ({ dx: distance, dy: 0, distance } satisfies Sighting),
});
const towardEast = (bits: number) => (bits & InputBit.right) !== 0;

describe("creature brains", () => {
  it("a deer never attacks: however close the player, it flees and never fires", () => {
    const deer = species("deer");
    const memory = freshMemory();
    const random = mulberry32(7);
    const out: CreatureInput = { bits: 0, aimX: 0, aimY: 0 };
    let fled = 0;
    for (const distance of [7.5, 5, 2, 1, 0.5, 0.1, 0]) {
      for (let i = 0; i < 30; i++) {
        think(deer, view(distance), memory, random, out);
        expect(out.bits & InputBit.fire).toBe(0);
        expect(memory.mode).toBe("flee");
        if (distance > 0 && (out.bits & InputBit.left) !== 0) fled++;
      }
    }
    // Away from the player (west), on most steps (reactDuty 1: every step).
    expect(fled).toBe(6 * 30);
  });

  it("a wolf chases and bites in range, follows out to its forget radius, and gives up beyond it", () => {
    const wolf = species("wolf");
    const memory = freshMemory();
    const random = mulberry32(7);
    const out: CreatureInput = { bits: 0, aimX: 0, aimY: 0 };
    think(wolf, view(wolf.noticeRadius - 1), memory, random, out);
    expect(memory.mode).toBe("chase");
    let chased = 0;
    for (let i = 0; i < 30; i++) {
      think(wolf, view(5), memory, random, out);
      if (towardEast(out.bits)) chased++;
      expect(out.bits & InputBit.fire).toBe(0);
    }
    // reactDuty 0.8: 4 steps in 5 towards the player.
    expect(chased).toBe(24);
    think(wolf, view(1), memory, random, out);
    expect(out.bits & InputBit.fire).toBe(InputBit.fire);
    expect({ aimX: out.aimX, aimY: out.aimY }).toEqual({ aimX: 1, aimY: 0 });
    // Past its notice radius but within its forget radius: still after the player.
    think(wolf, view(wolf.forgetRadius - 0.5), memory, random, out);
    expect(memory.mode).toBe("chase");
    // Beyond it: gone back to wandering, and it stays so while the player keeps that far (past its notice radius).
    for (let i = 0; i < 300; i++) {
      think(wolf, view(wolf.forgetRadius + 0.5), memory, random, out);
      expect(memory.mode === "rest" || memory.mode === "walk").toBe(true);
      expect(out.bits & InputBit.fire).toBe(0);
    }
  });
});
