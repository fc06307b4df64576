/**
 * Entity id → a slot of a fixed-size instanced draw (instance index, label atlas cell) plus whatever the layer keeps
 * per slot. Free indices are handed out lowest first, so the slots in use stay packed at the start and the draw's
 * `count` stays small; past `capacity` an entity gets no slot (not drawn, rather than a reallocation mid-game).
 */
export class SlotPool<S extends { readonly index: number }> {
  private readonly slots = new Map<string, S>();
  /** Free indices, highest first: `pop()` is the lowest. */
  private readonly free: number[] = [];

  constructor(
    capacity: number,
    private readonly create: (index: number) => S,
  ) {
    for (let i = capacity - 1; i >= 0; i--) this.free.push(i);
  }

  /** The slot of `id`, taken from the free ones on first use; undefined when all are taken. */
  slotFor(id: string): S | undefined {
    let slot = this.slots.get(id);
    if (slot) return slot;
    const index = this.free.pop();
    if (index === undefined) return undefined;
    slot = this.create(index);
    this.slots.set(id, slot);
    return slot;
  }

  /** Frees the slot of every id `keep` rejects, calling `release` on each first (to hide what it drew). */
  retain(keep: (id: string) => boolean, release: (slot: S) => void): void {
    let freed = false;
    // forEach, not for…of entries: runs every frame over every slot, and entry pairs would be garbage.
    this.slots.forEach((slot, id) => {
      if (keep(id)) return;
      release(slot);
      this.free.push(slot.index);
      this.slots.delete(id);
      freed = true;
    });
    if (freed) this.free.sort(descending);
  }
}

const descending = (a: number, b: number): number => b - a;
