import { STRUCTURE_KINDS, type StructureKind } from "@edgehold/protocol";
import type { Migration } from "../../storage/migrations.ts";
import type { SqlExec } from "../../storage/rows-written.ts";
import type { Structure } from "./build-state.ts";
import { tileKey } from "./tile-bounds.ts";

/**
 * The `structures` table. Keyed by tile (one structure per tile), so the table needs no second index: on Durable
 * Objects every index an INSERT or DELETE touches is another row written, and a placement or removal is exactly
 * one. Build's migration 1; rooms from before migrations were numbered per feature recorded it as 4.
 */
export const STRUCTURES_MIGRATION: Migration = {
  version: 1,
  legacyVersion: 4,
  name: "build: structures by tile",
  up(sql) {
    sql.exec(`CREATE TABLE IF NOT EXISTS structures (
      tile INTEGER PRIMARY KEY,
      id INTEGER NOT NULL,
      tx INTEGER NOT NULL,
      ty INTEGER NOT NULL,
      kind TEXT NOT NULL,
      owner TEXT NOT NULL,
      hp INTEGER NOT NULL,
      placed_at INTEGER NOT NULL
    )`);
  },
};

const KINDS: ReadonlySet<string> = new Set(STRUCTURE_KINDS);

type StructureRow = { id: number; tx: number; ty: number; kind: string; owner: string; hp: number };

/** Durable structures: one row per structure, written when it is placed or removed, read back on start. */
export class StructureStore {
  constructor(private readonly sql: SqlExec) {}

  /** Every stored structure (a row of an unknown kind, from a newer build, is skipped rather than misread). */
  loadAll(): Structure[] {
    const out: Structure[] = [];
    // Rows as arrays (`raw()`): a room hydrates up to 10,000 rows at start-up, and skipping a keyed object per row
    // is most of the read's cost (scripts/build-hydration-bench.ts).
    const rows = this.sql.exec<StructureRow>("SELECT id, tx, ty, kind, owner, hp FROM structures").raw();
    for (const [id, tx, ty, kind, owner, hp] of rows as Iterable<[number, number, number, string, string, number]>) {
      if (!KINDS.has(kind)) continue;
      out.push({ id, tx, ty, kind: kind as StructureKind, owner, hp });
    }
    return out;
  }

  /** One row written. */
  place(structure: Structure, now: number): void {
    const { id, tx, ty, kind, owner, hp } = structure;
    this.sql.exec(
      "INSERT INTO structures (tile, id, tx, ty, kind, owner, hp, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      tileKey(tx, ty), id, tx, ty, kind, owner, hp, now,
    );
  }

  /** A structure's hp after hits: one row written (the room batches these at its checkpoint). */
  updateHp(structure: Structure): void {
    this.sql.exec("UPDATE structures SET hp = ? WHERE tile = ? AND id = ?", structure.hp, tileKey(structure.tx, structure.ty), structure.id);
  }

  /** Every structure of one owner: one statement, a row written per structure (no index needed: it runs rarely). */
  removeOwnedBy(owner: string): void {
    this.sql.exec("DELETE FROM structures WHERE owner = ?", owner);
  }

  /** One row written. */
  remove(structure: Structure): void {
    this.sql.exec("DELETE FROM structures WHERE tile = ?", tileKey(structure.tx, structure.ty));
  }
}
