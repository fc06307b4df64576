/**
 * Hands out small integer ids in [first, last]. Freed ids are reused oldest-first, so an id that just left is
 * not handed to a newcomer while clients may still hold it in a snapshot in flight.
 */
export class IdPool {
  private nextFresh: number;
  private readonly freed: number[] = [];
  private readonly inUse = new Set<number>();

  constructor(
    first: number,
    private readonly last: number,
  ) {
    this.nextFresh = first;
  }

  get size(): number {
    return this.inUse.size;
  }

  allocate(): number {
    let id: number | undefined;
    while (id === undefined || this.inUse.has(id)) {
      if (this.nextFresh <= this.last) id = this.nextFresh++;
      else if (this.freed.length > 0) id = this.freed.shift()!;
      else throw new RangeError("id pool exhausted");
    }
    this.inUse.add(id);
    return id;
  }

  /** Claims a specific id (e.g. one recorded in a hibernated socket's attachment). False if already taken. */
  claim(id: number): boolean {
    if (this.inUse.has(id) || id > this.last) return false;
    this.inUse.add(id);
    return true;
  }

  release(id: number): void {
    if (this.inUse.delete(id)) this.freed.push(id);
  }
}
