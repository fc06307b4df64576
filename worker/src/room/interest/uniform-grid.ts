/**
 * Points bucketed into square cells of a fixed area, rebuilt whole (a counting sort: two passes, no allocation once
 * the arrays have grown). A query visits only the cells its circle touches, so finding what is near a point costs
 * what is near it, not everything: the room's spatial index for views, `nearby` and creature perception.
 *
 * Points are numbered 0..count-1 by the caller (`set`), and a query visits them cell by cell, in number order
 * within a cell. Points outside the area fall into its edge cells (they are still found).
 */
export class UniformGrid {
  private readonly columns: number;
  private readonly rows: number;
  /** Cell c holds items[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Int32Array;
  private readonly fill: Int32Array;
  private items = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private xs = new Float64Array(0);
  private ys = new Float64Array(0);
  private size = 0;
  /** A query's answer (see `near`). */
  readonly found: number[] = [];
  readonly foundSq: number[] = [];

  constructor(
    private readonly minX: number,
    private readonly minY: number,
    span: number,
    private readonly cellSize: number,
  ) {
    this.columns = Math.max(1, Math.ceil(span / cellSize));
    this.rows = this.columns;
    this.cellStart = new Int32Array(this.columns * this.rows + 1);
    this.fill = new Int32Array(this.columns * this.rows);
  }

  /** How many points the grid holds. */
  get count(): number {
    return this.size;
  }

  /** Starts a rebuild with `count` points (then `set` each, then `index`). */
  reset(count: number): void {
    if (this.xs.length < count) {
      const capacity = Math.max(count, this.xs.length * 2, 16);
      this.xs = new Float64Array(capacity);
      this.ys = new Float64Array(capacity);
      this.items = new Int32Array(capacity);
      this.cellOf = new Int32Array(capacity);
    }
    this.size = count;
  }

  set(i: number, x: number, y: number): void {
    this.xs[i] = x;
    this.ys[i] = y;
  }

  x(i: number): number {
    return this.xs[i]!;
  }

  y(i: number): number {
    return this.ys[i]!;
  }

  /** Buckets the points set since `reset`. */
  index(): void {
    const { cellStart, fill, size } = this;
    cellStart.fill(0);
    for (let i = 0; i < size; i++) {
      const cell = this.cell(this.xs[i]!, this.ys[i]!);
      this.cellOf[i] = cell;
      cellStart[cell + 1]!++;
    }
    for (let c = 0; c < fill.length; c++) cellStart[c + 1]! += cellStart[c]!;
    fill.set(cellStart.subarray(0, fill.length));
    for (let i = 0; i < size; i++) this.items[fill[this.cellOf[i]!]!++] = i;
  }

  /** Calls `visit(i, distanceSq)` for every point within `radius` of (x, y), the boundary included. */
  forEachNear(x: number, y: number, radius: number, visit: (i: number, distanceSq: number) => void): void {
    const count = this.near(x, y, radius);
    const { found, foundSq } = this;
    for (let k = 0; k < count; k++) visit(found[k]!, foundSq[k]!);
  }

  /**
   * The points within `radius` of (x, y), the boundary included: how many, their numbers in `found[0..count)` and
   * their squared distances in `foundSq` (both reused by the next query: a query allocates nothing).
   */
  near(x: number, y: number, radius: number): number {
    const { xs, ys, items, cellStart, found, foundSq } = this;
    const radiusSq = radius * radius;
    const c0 = this.column(x - radius);
    const c1 = this.column(x + radius);
    const r0 = this.row(y - radius);
    const r1 = this.row(y + radius);
    let count = 0;
    for (let row = r0; row <= r1; row++) {
      for (let column = c0; column <= c1; column++) {
        const cell = row * this.columns + column;
        for (let k = cellStart[cell]!, end = cellStart[cell + 1]!; k < end; k++) {
          const i = items[k]!;
          const dx = xs[i]! - x;
          const dy = ys[i]! - y;
          const distanceSq = dx * dx + dy * dy;
          if (distanceSq > radiusSq) continue;
          found[count] = i;
          foundSq[count] = distanceSq;
          count++;
        }
      }
    }
    return count;
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
  }

  private cell(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x);
  }
}
