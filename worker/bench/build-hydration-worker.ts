// A tiny worker for scripts/build-hydration-bench.ts (config: build-hydration.wrangler.toml beside it): one Durable Object holding the real `structures` table, that
// seeds it and then, on a freshly started instance, hydrates it exactly as a room does at start-up.
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { DurableObject } from "cloudflare:workers";
import { BuildState } from "../src/features/build/build-state.ts";
import { mirrorStructures } from "../src/features/build/sim-mirror.ts";
import { STRUCTURES_MIGRATION, StructureStore } from "../src/features/build/structure-store.ts";
import { migrate } from "../src/storage/migrations.ts";

const KINDS = ["wall", "crate", "floor"] as const;

export class HydrationBench extends DurableObject {
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const sql = this.ctx.storage.sql;
    if (url.pathname === "/seed") {
      migrate(this.ctx.storage, [{ owner: "build", migrations: [STRUCTURES_MIGRATION] }]);
      const n = Number(url.searchParams.get("n") ?? 10_000);
      const state = new BuildState({ maxPerRoom: n, maxPerPlayer: n });
      const store = new StructureStore(sql);
      this.ctx.storage.transactionSync(() => {
        sql.exec("DELETE FROM structures");
        for (let i = 0; i < n; i++) {
          const action = { op: "place", tx: (i % 128) - 64, ty: Math.floor(i / 128) - 64, kind: KINDS[i % 3]! } as const;
          const result = state.apply(action, { playerId: `player-${i % 64}`, isRoomOwner: false }, () => true);
          if (!result.ok) throw new Error(result.reason);
          store.place(result.change.structure, Date.now());
        }
      });
      return Response.json({ seeded: n });
    }
    if (url.pathname === "/hydrate") {
      // What a room does at start-up: read every row, rebuild the rules' maps, put the tiles into a new sim.
      // The sim's instantiation is timed apart: a room makes its sim anyway, structures or not.
      const t0 = performance.now();
      const sim = WasmSim.fromModule(simModule);
      const t1 = performance.now();
      const rows = new StructureStore(sql).loadAll();
      const t2 = performance.now();
      const state = new BuildState();
      state.hydrate(rows);
      const t3 = performance.now();
      mirrorStructures(sim, state.all());
      const t4 = performance.now();
      return Response.json({
        structures: state.size, blockingTiles: sim.tiles.blockingCount,
        insideMs: t4 - t1, simMs: t1 - t0, readMs: t2 - t1, rulesMs: t3 - t2, mirrorMs: t4 - t3,
      });
    }
    if (url.pathname === "/restart") {
      // The next request starts a fresh instance (no state in memory), as after an eviction or a deploy.
      this.ctx.abort("restart for the hydration bench");
    }
    return Response.json({ ok: true });
  }
}

export default {
  async fetch(request: Request, env: { BENCH: DurableObjectNamespace<HydrationBench> }): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/health") return Response.json({ ok: true });
    return env.BENCH.get(env.BENCH.idFromName(url.searchParams.get("room") ?? "bench")).fetch(request);
  },
};
