import type { ChannelFields } from "../channel-diff.ts";
import { patchOf, type ChannelTick, type Entries, type Held, type PatchSet, type ViewPatch } from "./channel-tick.ts";
import { UniformGrid } from "./uniform-grid.ts";
import type { ViewRadius } from "./entity-view.ts";

/**
 * The entries of a `position` channel (projectiles) in a grid, rebuilt once per snapshot tick (everything in it
 * moves): every connection then finds those near its player in the cells around it.
 */
export class PositionIndex {
  private readonly grid: UniformGrid;
  private ids: string[] = [];

  constructor(minX: number, span: number, cellSize: number) {
    this.grid = new UniformGrid(minX, minX, span, cellSize);
  }

  update(current: Entries): void {
    const { grid } = this;
    this.ids = [...current.keys()];
    grid.reset(this.ids.length);
    let i = 0;
    for (const fields of current.values()) grid.set(i++, fields.x as number, fields.y as number);
    grid.index();
  }

  forEachNear(x: number, y: number, radius: number, visit: (id: string, distanceSq: number) => void): void {
    this.grid.forEachNear(x, y, radius, (i, distanceSq) => visit(this.ids[i]!, distanceSq));
  }
}

/**
 * A `position` channel as one connection sees it: the entries within the radius of its player, by the view's rule
 * (they enter at ≤ R and leave beyond R + margin), judged by each entry's own position. `held`: the ids held, updated.
 */
export function filterByPosition(
  tick: ChannelTick,
  centre: { x: number; y: number } | undefined,
  radius: ViewRadius,
  held: Held<string>,
  index: PositionIndex,
): ViewPatch | undefined {
  const { full, current, delta } = tick;
  const set: PatchSet = new Map();
  let setCount = 0;
  const remove: string[] = [];
  held.begin();
  if (centre) {
    const enterSq = radius.enter * radius.enter;
    index.forEachNear(centre.x, centre.y, radius.leave, (id, distanceSq) => {
      if (distanceSq > enterSq && !held.has(id)) return;
      if (held.keep(id) || full) {
        set.set(id, current.get(id)!);
        setCount++;
      } else {
        const changed = delta?.set?.[id];
        if (changed) {
          set.set(id, changed);
          setCount++;
        }
      }
    });
  }
  held.sweep((id) => {
    if (!full) remove.push(id);
  });
  return patchOf(set, setCount, remove, full);
}
