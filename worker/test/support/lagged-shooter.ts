import { applySnapshot, createReplica, Kind, type MovementInput, type ServerMessage } from "@edgehold/protocol";
import { WEAPONS, Weapon } from "@edgehold/sim-core";
import { Interpolator } from "../../../web/src/net/interpolator.ts";
import type { Kinematics } from "../../../web/src/net/kinematics.ts";
import { SnapshotBuffer } from "../../../web/src/net/snapshot-buffer.ts";
import { SnapshotTimeline } from "../../../web/src/net/snapshot-timeline.ts";
import type { TestClient } from "./test-client.ts";

/** The page's interpolation machinery: one snapshot interval at 10 Hz, extrapolating at most that far. */
const SNAPSHOT_INTERVAL_MS = 100;
const WORLD_HALF_EXTENT = 64;
/** Inputs per batch: the page samples one a step (30 Hz) and sends them about every 50 ms. */
const STEPS_PER_BATCH = 2;

/**
 * A scripted ranger behind a delay line, seeing the room as the page does, on the room's clock (a clocked room:
 * support/clocked-room.ts). Every frame in either direction waits `rttMs / 2` (as the page's `?lag=` DelayLine
 * does, web/src/net/delay-line.ts), and remote entities are interpolated at the page's render time
 * (SnapshotTimeline: the snapshot stream's clock minus 100–150 ms; SnapshotBuffer + Interpolator). Every
 * `fireEvery` steps it fires at `targetId`'s interpolated position, led by its interpolated velocity for the arrow's
 * flight time, with `viewTime` = that render time — exactly what the page sends. It stands still otherwise.
 */
export class LaggedShooter {
  shots = 0;
  hits = 0;
  private readonly down = new DelayLine<ServerMessage>();
  private readonly up = new DelayLine<{ inputs: MovementInput[]; ackTick: number | undefined }>();
  private readonly replica = createReplica();
  private readonly buffer = new SnapshotBuffer();
  private readonly timeline = new SnapshotTimeline(SNAPSHOT_INTERVAL_MS);
  private readonly interpolator = new Interpolator(this.buffer, SNAPSHOT_INTERVAL_MS, WORLD_HALF_EXTENT);
  private readonly view = new Map<string, Kinematics>();
  private readonly oneWayMs: number;
  private inputSeq: number;
  private steps = 0;
  /** Inputs made since the last batch left. */
  private batch: MovementInput[] = [];
  /** Frames of `client.received` already put on the delay line. */
  private taken = 0;
  /** The newest snapshot delivered through the delay line: what this client has applied, so what it acks. */
  private appliedTick: number | undefined;
  /** The ackTick of the last batch the delay line let through: what the room has heard this client confirm. */
  private confirmedTick: number | undefined;

  constructor(
    readonly client: TestClient,
    private readonly entityId: string,
    lastInputSeq: number,
    private readonly targetId: string,
    rttMs: number,
    private readonly fireEvery: number,
  ) {
    this.inputSeq = lastInputSeq;
    this.oneWayMs = rttMs / 2;
    // Pings sent outside the delay line (the test's round trips) confirm only what the room already heard through
    // it, so the room measures this link's RTT.
    client.ackTick = () => this.confirmedTick;
  }

  /**
   * The room's time is `now` (ms) and the room has sent everything it sent by then: that goes on the delay line (a
   * snapshot from its serverTime, anything else from now), what the line holds for now is applied or sent. With
   * `step` the shooter makes its input for a simulation step of its own clock — a shot every `fireEvery` steps while
   * `fire` — and every other step, as the page sends a batch every ~50 ms, the batch leaves, `rttMs / 2` on the
   * line. The test calls it at each step of the shooter's clock and whenever `nextDue()` says a frame is due, so
   * each one waits exactly `rttMs / 2`. True when a batch went out to the room.
   */
  at(now: number, { step = false, fire = false }: { step?: boolean; fire?: boolean } = {}): boolean {
    for (; this.taken < this.client.received.length; this.taken++) {
      const message = this.client.received[this.taken]!;
      this.down.push(message.kind === Kind.snapshot ? message.payload.serverTime : now, this.oneWayMs, message);
    }
    for (const message of this.down.due(now)) this.deliver(message, now);
    if (step) {
      this.steps++;
      this.batch.push(this.input(now, fire && this.steps % this.fireEvery === 0));
      // The batch confirms what was applied when it was made, not when the delay line lets it go.
      if (this.batch.length === STEPS_PER_BATCH) this.up.push(now, this.oneWayMs, { inputs: this.batch.splice(0), ackTick: this.appliedTick });
    }
    const leaving = this.up.due(now);
    for (const { inputs, ackTick } of leaving) {
      this.confirmedTick = ackTick;
      this.client.sendInputs(inputs, ackTick);
    }
    return leaving.length > 0;
  }

  /** When the delay line next lets a frame through, either way (Infinity: it holds none). */
  nextDue(): number {
    return Math.min(this.down.nextDue(), this.up.nextDue());
  }

  private input(now: number, fire: boolean): MovementInput {
    const seq = ++this.inputSeq;
    const idle = { seq, up: false, down: false, left: false, right: false };
    if (!fire) return idle;
    const viewTime = this.timeline.renderTime(now);
    const me = this.replica.get("movement")?.get(this.entityId) as Kinematics | undefined;
    if (viewTime === undefined || !me) return idle;
    this.interpolator.sampleInto(viewTime, this.view);
    const target = this.view.get(this.targetId);
    if (!target) return idle;
    // Lead the target by its interpolated velocity for the arrow's flight time (two refinements converge).
    const speed = WEAPONS[Weapon.arrow]!.speed;
    let aimX = target.x;
    let aimY = target.y;
    for (let i = 0; i < 2; i++) {
      const flight = Math.hypot(aimX - me.x, aimY - me.y) / speed;
      aimX = target.x + target.vx * flight;
      aimY = target.y + target.vy * flight;
    }
    const length = Math.hypot(aimX - me.x, aimY - me.y);
    this.shots++;
    return { ...idle, fire: true, aimX: (aimX - me.x) / length, aimY: (aimY - me.y) / length, viewTime };
  }

  /** A frame off the delay line at `now`: as the page's room client handles it. */
  private deliver(message: ServerMessage, now: number): void {
    if (message.kind === Kind.snapshot) {
      const snapshot = message.payload;
      applySnapshot(this.replica, snapshot);
      this.appliedTick = snapshot.tick;
      this.timeline.observe(snapshot.serverTime, now);
      const entities = new Map<string, Kinematics>();
      for (const [id, fields] of this.replica.get("movement") ?? []) entities.set(id, { ...(fields as unknown as Kinematics) });
      this.buffer.push({ serverTime: snapshot.serverTime, tick: snapshot.tick, entities });
    } else if (message.kind === Kind.event && (message.feature as string) === "combat" && message.action === "hit") {
      const hit = message.payload as { source: string; target: string };
      if (hit.source === this.entityId && hit.target === this.targetId) this.hits++;
    }
  }
}

/**
 * Items due `delayMs` after the time they were pushed at (the page's DelayLine without jitter). Taken by due time:
 * an event is stamped when it was seen, a snapshot by its serverTime, so a later push may fall due first.
 */
class DelayLine<T> {
  private queue: { dueAt: number; item: T }[] = [];

  push(at: number, delayMs: number, item: T): void {
    this.queue.push({ dueAt: at + delayMs, item });
  }

  /** The items due by `now`, in the order they were pushed, taken off the line. */
  due(now: number): T[] {
    const due = this.queue.filter((entry) => entry.dueAt <= now);
    this.queue = this.queue.filter((entry) => entry.dueAt > now);
    return due.map((entry) => entry.item);
  }

  nextDue(): number {
    return this.queue.reduce((soonest, entry) => Math.min(soonest, entry.dueAt), Infinity);
  }
}
