import type { BodyState } from "./kinematics.ts";
import { SNAPSHOT_BUFFER_FRAMES } from "./net-config.ts";

/** Every entity's movement state (with its teleport counter) as of one snapshot, stamped with its server time. */
export interface SnapshotFrame {
  serverTime: number;
  tick: number;
  entities: ReadonlyMap<string, BodyState>;
}

/** The last few snapshot frames, oldest first, for interpolation. */
export class SnapshotBuffer {
  private readonly list: SnapshotFrame[] = [];

  constructor(private readonly capacity = SNAPSHOT_BUFFER_FRAMES) {}

  get frames(): readonly SnapshotFrame[] {
    return this.list;
  }

  get newest(): SnapshotFrame | undefined {
    return this.list[this.list.length - 1];
  }

  push(frame: SnapshotFrame): void {
    const newest = this.newest;
    if (newest && frame.tick <= newest.tick) {
      // Ticks only go backwards across a reconnect to a restarted room: start over rather than interleave.
      if (frame.tick < newest.tick) this.list.length = 0;
      else this.list.pop();
    }
    // Server time must increase for interpolation; a clock that stood still (1 ms resolution) gets nudged.
    const last = this.newest;
    const serverTime = last && frame.serverTime <= last.serverTime ? last.serverTime + 1 : frame.serverTime;
    this.list.push(serverTime === frame.serverTime ? frame : { ...frame, serverTime });
    if (this.list.length > this.capacity) this.list.shift();
  }

  clear(): void {
    this.list.length = 0;
  }
}
