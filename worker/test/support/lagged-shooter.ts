import { applySnapshot, createReplica, decodeServerMessage, Kind, type MovementInput, type ServerMessage } from "@edgehold/protocol";
import { WEAPONS, Weapon } from "@edgehold/sim-core";
import { Interpolator } from "../../../web/src/net/interpolator.ts";
import type { Kinematics } from "../../../web/src/net/kinematics.ts";
import { SnapshotBuffer } from "../../../web/src/net/snapshot-buffer.ts";
import { SnapshotTimeline } from "../../../web/src/net/snapshot-timeline.ts";
import { STEP_MS } from "../../src/room/room-config.ts";
import type { TestClient } from "./test-client.ts";

/** The page's interpolation machinery: one snapshot interval at 10 Hz, extrapolating at most that far. */
const SNAPSHOT_INTERVAL_MS = 100;
const WORLD_HALF_EXTENT = 64;

/**
 * A scripted ranger behind a delay line, seeing the room as the page does: every frame in either direction waits
 * `rttMs / 2` (as the page's `?lag=` DelayLine does, web/src/net/delay-line.ts), and remote entities are interpolated at the page's render time
 * (SnapshotTimeline: the snapshot stream's clock minus 100–150 ms; SnapshotBuffer + Interpolator). Every
 * `fireEvery` steps it fires at `targetId`'s interpolated position, led by its interpolated velocity for the arrow's
 * flight time, with `viewTime` = that render time — exactly what the page sends. It stands still otherwise.
 */
export class LaggedShooter {
  shots = 0;
  hits = 0;
  private readonly down: FixedDelay;
  private readonly up: FixedDelay;
  private readonly replica = createReplica();
  private readonly buffer = new SnapshotBuffer();
  private readonly timeline = new SnapshotTimeline(SNAPSHOT_INTERVAL_MS);
  private readonly interpolator = new Interpolator(this.buffer, SNAPSHOT_INTERVAL_MS, WORLD_HALF_EXTENT);
  private readonly view = new Map<string, Kinematics>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private inputSeq: number;
  private steps = 0;
  /** The newest snapshot delivered through the delay line: what this client has applied, so what it acks. */
  private appliedTick: number | undefined;

  constructor(
    private readonly client: TestClient,
    private readonly entityId: string,
    lastInputSeq: number,
    private readonly targetId: string,
    rttMs: number,
    private readonly fireEvery: number,
  ) {
    this.inputSeq = lastInputSeq;
    this.down = new FixedDelay(rttMs / 2);
    this.up = new FixedDelay(rttMs / 2);
    // As the page: it confirms what it applied (after the link's delay), so the room measures this link's RTT.
    client.ackTick = () => this.appliedTick;
    client.socket.addEventListener("message", (event) => {
      const message = decodeServerMessage(event.data as ArrayBuffer);
      this.down.push(() => this.deliver(message));
    });
  }

  /** Starts stepping at 30 Hz of real time; fires until `shots` shots were sent. */
  start(shots: number): void {
    const startedAt = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor((performance.now() - startedAt) / STEP_MS);
      const inputs: MovementInput[] = [];
      while (this.steps < due && inputs.length < 16) {
        this.steps++;
        inputs.push(this.input(this.shots < shots && this.steps % this.fireEvery === 0));
      }
      // The batch confirms what was applied when it was made, not when the delay line lets it go.
      const ackTick = this.appliedTick;
      if (inputs.length > 0) this.up.push(() => this.client.sendInputs(inputs, ackTick));
    }, 10);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.up.clear();
    this.down.clear();
  }

  private input(fire: boolean): MovementInput {
    const seq = ++this.inputSeq;
    const idle = { seq, up: false, down: false, left: false, right: false };
    if (!fire) return idle;
    const viewTime = this.timeline.renderTime(performance.now());
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

  /** A frame off the delay line: as the page's room client handles it. */
  private deliver(message: ServerMessage): void {
    if (message.kind === Kind.snapshot) {
      const snapshot = message.payload;
      applySnapshot(this.replica, snapshot);
      this.appliedTick = snapshot.tick;
      this.timeline.observe(snapshot.serverTime, performance.now());
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
 * Delivers callbacks `delayMs` after they were pushed, in order, through one queue and one timer (the page's
 * DelayLine without jitter; a copy here because its browser timer types do not check under the worker's).
 */
class FixedDelay {
  private readonly queue: { dueAt: number; deliver: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly delayMs: number) {}

  push(deliver: () => void): void {
    this.queue.push({ dueAt: performance.now() + this.delayMs, deliver });
    if (this.timer === undefined) this.schedule();
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    this.timer = head ? setTimeout(() => this.flush(), Math.max(0, head.dueAt - performance.now())) : undefined;
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.dueAt <= now + 1) this.queue.shift()!.deliver();
    this.schedule();
  }
}
