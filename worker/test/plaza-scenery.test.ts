// A plaza's scenery (issue 19 §4): trees, rocks and landmarks from a seed sent in the welcome, in the room's sim as
// static blocking tiles, never in the `build` channel, never stored, never built on or removed.
import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BuildRejectReason, ErrorCode, type BuildAction, type ErrorPayload } from "@edgehold/protocol";
import { generateScenery, sceneryHash, TILE_MAX, TILE_MIN, TileKind } from "@edgehold/sim-core";
import { CombatPlayer, idle } from "./support/combat-player.ts";
import { createRoom } from "./support/room-api.ts";
import { inWorld, place } from "./support/room-internals.ts";

const PLAZA_WORLD = { minTile: TILE_MIN, maxTile: TILE_MAX };

const storedStructures = (room: string) =>
  runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) => state.storage.sql.exec("SELECT * FROM structures").toArray().length);

function rejection(player: CombatPlayer, seq: number): Promise<ErrorPayload> {
  return player.until(() => {
    const found = player.client.received.find((m) => m.kind === "error" && m.payload.code === ErrorCode.buildRejected && m.payload.seq === seq);
    return found?.kind === "error" ? found.payload : undefined;
  }, `the rejection of input ${seq}`);
}

const build = (player: CombatPlayer, action: BuildAction) => player.sendNow([{ ...idle(), build: action }])[0]!;

describe("a plaza's scenery", () => {
  it("is generated from the seed in the welcome into the room's sim, and is not in the build channel", async () => {
    const code = await createRoom("scenery-owner", { kind: "plaza" });
    const ann = await CombatPlayer.join(code, "scenery-ann");
    const { world, interestRadius } = ann.welcome.payload;
    expect(world).toMatchObject({ ...PLAZA_WORLD, scenerySeed: expect.any(Number) });
    expect(interestRadius).toBe(64);
    const seed = world.scenerySeed!;
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff).toBe(true);
    const scenery = generateScenery(seed, PLAZA_WORLD);
    expect(scenery.tiles.length).toBeGreaterThan(1000);
    // The room's tiles are exactly the scenery the page generates from the welcome's seed.
    expect(await inWorld(code, (w) => w.sim.tiles.hash())).toBe(sceneryHash(scenery));
    await ann.until(() => ann.snapshots.some((s) => s.payload.mode === "full"), "a full snapshot");
    expect(ann.snapshots.flatMap((s) => Object.keys(s.payload.features.build?.set ?? {}))).toEqual([]);
    expect(await storedStructures(code)).toBe(0);

    // The seed is the room's for life: after a restart the same scenery stands.
    ann.client.close();
    await ann.client.closed();
    await abortAllDurableObjects();
    const again = await CombatPlayer.join(code, "scenery-ann");
    expect(again.welcome.payload.world.scenerySeed).toBe(seed);
    expect(await inWorld(code, (w) => w.sim.tiles.hash())).toBe(sceneryHash(scenery));
    again.client.close();
  });

  it("cannot be built on or removed: the room says `scenery`, and the tree stays", async () => {
    const code = await createRoom("scenery-owner", { kind: "plaza" });
    const owner = await CombatPlayer.join(code, "scenery-owner");
    const seed = owner.welcome.payload.world.scenerySeed!;
    const tree = generateScenery(seed, PLAZA_WORLD).tiles.find((t) => t.kind === TileKind.tree)!;
    await place(code, "scenery-owner", tree.tx - 1.5, tree.ty + 0.5);
    await owner.until(() => owner.movement(owner.entityId)?.x === tree.tx - 1.5, "placed beside a tree");
    const actions: BuildAction[] = [
      { op: "place", tx: tree.tx, ty: tree.ty, kind: "wall" },
      { op: "place", tx: tree.tx, ty: tree.ty, kind: "floor" },
      { op: "remove", tx: tree.tx, ty: tree.ty },
    ];
    for (const action of actions) {
      const seq = build(owner, action);
      expect(await rejection(owner, seq), `${action.op}`).toMatchObject({ reason: BuildRejectReason.scenery, seq });
      await owner.until(() => (owner.ackInputSeq >= seq ? true : undefined), `input ${seq} applied`);
    }
    expect(await inWorld(code, (w) => [w.sim.tiles.kind(tree.tx, tree.ty), w.sim.tiles.hp(tree.tx, tree.ty)])).toEqual([TileKind.tree, 0]);
    expect(await storedStructures(code)).toBe(0);
    owner.client.close();
  });
});
