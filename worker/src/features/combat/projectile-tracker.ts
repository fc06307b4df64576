import type { ProjectileFields } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";

interface Tracked {
  readonly id: string;
  readonly owner: string;
  readonly seq: number;
}

/**
 * The `projectile` channel: the sim's projectile slots (reused as projectiles come and go) under room-wide ids
 * from an increasing counter, never reused, so a client never mistakes a new projectile for an old one. Each
 * remembers its shooter's entity id and the input seq that fired it.
 */
export class ProjectileTracker {
  private readonly bySlot = new Map<number, Tracked>();
  private nextId = 1;

  constructor(private readonly sim: Sim) {}

  /** The sim spawned a projectile in slot `p` (a `spawn` event): a new id, even if the slot held another. */
  spawned(p: number, owner: string, seq: number): void {
    this.bySlot.set(p, { id: String(this.nextId++), owner, seq });
  }

  /** The shooter's entity id of the projectile in slot `p` (still known in the step it hit). */
  ownerOf(p: number): string | undefined {
    return this.bySlot.get(p)?.owner;
  }

  /** After each step: drops projectiles that hit or expired; adopts any the events missed (a full event buffer). */
  sweep(ownerOf: (slot: number) => string | undefined): void {
    const { active, end, owner: shooter } = this.sim.projectiles.view();
    for (const p of this.bySlot.keys()) if (!active[p]) this.bySlot.delete(p);
    if (this.bySlot.size === end) return;
    for (let p = 0; p < end; p++) {
      if (this.bySlot.has(p) || !active[p]) continue;
      const owner = ownerOf(shooter[p]!);
      if (owner !== undefined) this.spawned(p, owner, 0);
    }
  }

  channel(): Map<string, ProjectileFields> {
    const { active, x, y, vx, vy } = this.sim.projectiles.view();
    const out = new Map<string, ProjectileFields>();
    for (const [p, { id, owner, seq }] of this.bySlot) {
      if (!active[p]) continue;
      out.set(id, { x: x[p]!, y: y[p]!, vx: vx[p]!, vy: vy[p]!, owner, seq });
    }
    return out;
  }
}
