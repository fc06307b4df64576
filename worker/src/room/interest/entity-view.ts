import type { Body } from "../room-world.ts";
import type { BodyGrid } from "./body-grid.ts";
import { ENTERED, Held, OUTSIDE } from "./channel-tick.ts";

/**
 * How far a connection sees: an entity enters its view at ≤ `enter` metres from its player's body and leaves beyond
 * `leave` (hysteresis, so one walking along the edge does not flicker in and out).
 */
export interface ViewRadius {
  readonly enter: number;
  readonly leave: number;
}

/**
 * Hysteresis of a view (ARCHITECTURE.md "Interest management"): 8 m is more than a body crosses between two snapshots
 * running (6 m/s × 0.1 s = 0.6 m) many times over, so only a real walk away takes an entity out, and little enough
 * (1.25 × R² of area at R = 64) that a view holds hardly more than its radius does.
 */
export const VIEW_HYSTERESIS_METRES = 8;

export function viewRadius(radius: number): ViewRadius {
  return { enter: radius, leave: radius + VIEW_HYSTERESIS_METRES };
}

/**
 * One connection's view of the world's bodies: its own entity always, and every body within the radius of its
 * player's body (by the view's rule), recomputed for every snapshot from the body grid — a query of the cells
 * around the player, so it costs the bodies near it, not the room.
 */
export class EntityView {
  private readonly held = new Held<string>();
  /** What came in and went out at the last `update` (a filter's entries and removals). */
  readonly entered: string[] = [];
  readonly left: string[] = [];
  /** The ids in view, its own first (an array, reused: every filter of every channel walks it). */
  private readonly inView: string[] = [];
  /** For each of `inView`: whether it entered at the last `update`. */
  private readonly enteredNow: boolean[] = [];

  /** The ids in view (as of the last `update`). */
  ids(): readonly string[] {
    return this.inView;
  }

  /** For each of `ids()`, in order: whether it entered the view at the last `update`. */
  enteredFlags(): readonly boolean[] {
    return this.enteredNow;
  }

  /** In view now and before the last `update` too: the connection holds what it had of it. */
  kept(id: string): boolean {
    return this.held.stayed(id);
  }

  /**
   * Recomputes the view around `self` (nothing but itself without a body in the grid). Calls `entered` and `left`
   * for each id that came in or went out (the room's index of who watches whom).
   */
  update(grid: BodyGrid, self: Body | undefined, radius: ViewRadius, entered: (id: string) => void, left: (id: string) => void): void {
    const { held } = this;
    this.entered.length = 0;
    this.left.length = 0;
    this.inView.length = 0;
    this.enteredNow.length = 0;
    held.begin();
    const selfId = self?.entityId;
    if (selfId !== undefined) this.add(selfId, held.keep(selfId), entered);
    const at = self && grid.position(self.entityId);
    if (at) {
      const enterSq = radius.enter * radius.enter;
      const count = grid.near(at.x, at.y, radius.leave);
      for (let k = 0; k < count; k++) {
        const id = grid.bodyFound(k).entityId;
        if (id === selfId) continue;
        // In range to enter, or held and within the leave range (one lookup).
        const kept = held.keepIf(id, grid.distanceSqFound(k) <= enterSq);
        if (kept !== OUTSIDE) this.add(id, kept === ENTERED, entered);
      }
    }
    held.sweep((id) => {
      this.left.push(id);
      left(id);
    });
  }

  private add(id: string, entering: boolean, entered: (id: string) => void): void {
    this.inView.push(id);
    this.enteredNow.push(entering);
    if (!entering) return;
    this.entered.push(id);
    entered(id);
  }

  /** The connection went: every id leaves. */
  clear(left: (id: string) => void): void {
    this.inView.length = 0;
    this.enteredNow.length = 0;
    this.held.begin();
    this.held.sweep(left);
  }
}
