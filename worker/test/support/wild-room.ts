import { env } from "cloudflare:test";
import { applySnapshot, createReplica, Kind, type MovementInput, type Replica, type WelcomeMessage } from "@edgehold/protocol";
import { toRoomRequest } from "../../src/room/join-request.ts";
import type { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import { SPAWN_PROTECTION_STEPS } from "../../src/features/combat/spawn-protection.ts";
import { SNAPSHOT_RATE, STEPS_PER_SNAPSHOT } from "../../src/room/room-config.ts";
import type { ClockedRoom } from "./clocked-room.ts";
import { TestClient } from "./test-client.ts";

/** The test rooms with creatures (support/test-worker.ts): default population, one deer, one wolf. */
export type WildRooms = "WILD_ROOMS" | "DEER_ROOMS" | "WOLF_ROOMS";

export function wildRoom(binding: WildRooms, room: string): DurableObjectStub<RoomDurableObject> {
  const namespace = (env as unknown as Record<WildRooms, DurableObjectNamespace<RoomDurableObject>>)[binding];
  return namespace.get(namespace.idFromName(room));
}

export interface Body {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/**
 * A player in a wildlife room over a real socket, with its replica of the snapshot channels. Joined to a
 * `ClockedRoom`, each `nextSnapshot()` first runs the room step by step until it sends this player its next snapshot
 * (once the room has handled what this player sent): a creature's behaviour takes as many of the room's steps
 * however slow the machine is.
 */
export class WildPlayer {
  readonly replica: Replica = createReplica();
  tick = 0;
  private applied = 0;
  private inputSeq = 0;

  private constructor(
    readonly client: TestClient,
    readonly welcome: WelcomeMessage,
    private readonly clock: ClockedRoom | undefined,
  ) {}

  static async join(binding: WildRooms, room: string | ClockedRoom, playerId: string): Promise<WildPlayer> {
    const clock = typeof room === "string" ? undefined : room;
    const roomCode = typeof room === "string" ? room : room.code;
    const request = toRoomRequest({ roomCode, playerId, name: undefined, resumeToken: undefined, codec: "msgpack", session: undefined });
    const response = await wildRoom(binding, roomCode).fetch(request);
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
    (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
    socket.accept();
    const client = new TestClient(socket, "msgpack");
    return new WildPlayer(client, await client.nextKind(Kind.welcome), clock);
  }

  get entityId(): string {
    return this.welcome.payload.entityId;
  }

  /** Folds every snapshot received so far into the replica. */
  update(): this {
    for (; this.applied < this.client.received.length; this.applied++) {
      const message = this.client.received[this.applied]!;
      if (message.kind !== Kind.snapshot) continue;
      applySnapshot(this.replica, message.payload);
      this.tick = message.payload.tick;
    }
    return this;
  }

  /** Waits for the next snapshot (in a clocked room: runs the room's next snapshot period first) and folds it in. */
  async nextSnapshot(timeoutMs = 3000): Promise<this> {
    if (this.clock) {
      const received = this.snapshotsReceived();
      await this.clock.stepUntil(this.client, () => this.snapshotsReceived() > received, "next snapshot", 2 * STEPS_PER_SNAPSHOT);
    }
    await this.client.nextSnapshot(() => true, timeoutMs);
    return this.update();
  }

  /**
   * Reads snapshot after snapshot until `check` passes (it throws until it does), doing `each` before each one (the
   * inputs of that snapshot period: standing still unless told otherwise). Gives up with `check`'s last error after
   * `seconds` of the room's snapshots: a deadline in the room's time, which a slow machine does not shorten.
   */
  async until(check: () => void, seconds: number, each: () => void = () => this.send({}, STEPS_PER_SNAPSHOT)): Promise<void> {
    for (let snapshot = 1; ; snapshot++) {
      each();
      await this.nextSnapshot();
      try {
        check();
        return;
      } catch (error) {
        if (snapshot >= seconds * SNAPSHOT_RATE) throw error;
      }
    }
  }

  private snapshotsReceived(): number {
    return this.client.received.reduce((count, message) => count + (message.kind === Kind.snapshot ? 1 : 0), 0);
  }

  /**
   * Stands until this player's spawn protection is over (counted from its first snapshot, which comes after its
   * spawn): creatures neither chase nor flee a protected player (wildlife/perception.ts), so a test that walks up to
   * one sooner may see it wander off instead.
   */
  async outlastSpawnProtection(): Promise<void> {
    if (this.tick === 0) await this.nextSnapshot();
    const over = this.tick + SPAWN_PROTECTION_STEPS;
    while (this.tick <= over) {
      this.send({}, STEPS_PER_SNAPSHOT);
      await this.nextSnapshot();
    }
  }

  /** Creatures in presence: entity id → species and name. */
  creatures(): Map<string, { species: string; name: string }> {
    const out = new Map<string, { species: string; name: string }>();
    for (const [id, fields] of this.update().replica.get("presence") ?? []) {
      if (fields.kind === "creature") out.set(id, { species: String(fields.species), name: String(fields.name) });
    }
    return out;
  }

  body(entityId: string): Body | undefined {
    return this.update().replica.get("movement")?.get(entityId) as Body | undefined;
  }

  me(): Body {
    const me = this.body(this.entityId);
    if (!me) throw new Error("no movement entry for the player yet");
    return me;
  }

  distanceTo(entityId: string): number {
    const me = this.me();
    const it = this.body(entityId);
    if (!it) throw new Error(`no movement entry for ${entityId}`);
    return Math.hypot(it.x - me.x, it.y - me.y);
  }

  /** Sends `count` inputs (one step each) holding `keys`. */
  send(keys: Partial<Omit<MovementInput, "seq">>, count = 3): void {
    const inputs = Array.from({ length: count }, () => ({ up: false, down: false, left: false, right: false, ...keys, seq: ++this.inputSeq }));
    this.client.sendInputs(inputs);
  }

  /**
   * Walks towards `entityId` (it may move) a snapshot period at a time until within `metres` of it; then stands.
   * Throws after `timeoutMs`.
   */
  async walkTo(entityId: string, metres: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.nextSnapshot();
      const me = this.me();
      const it = this.body(entityId);
      if (!it) throw new Error(`${entityId} is not in movement`);
      const dx = it.x - me.x;
      const dy = it.y - me.y;
      if (Math.hypot(dx, dy) <= metres) return;
      if (Date.now() > deadline) throw new Error(`still ${Math.hypot(dx, dy).toFixed(1)} m from ${entityId} after ${timeoutMs} ms`);
      this.stepToward(entityId);
    }
  }

  /** Sends `count` inputs holding the keys (of 8 directions) that point at where `entityId` was last seen. */
  stepToward(entityId: string, count = 3): void {
    const me = this.me();
    const it = this.body(entityId);
    if (!it) throw new Error(`${entityId} is not in movement`);
    const dx = it.x - me.x;
    const dy = it.y - me.y;
    const slope = Math.tan(Math.PI / 8);
    this.send(
      {
        right: dx > 0 && Math.abs(dx) >= Math.abs(dy) * slope,
        left: dx < 0 && Math.abs(dx) >= Math.abs(dy) * slope,
        up: dy > 0 && Math.abs(dy) >= Math.abs(dx) * slope,
        down: dy < 0 && Math.abs(dy) >= Math.abs(dx) * slope,
      },
      count,
    );
  }

  /** Sends `count` inputs standing still and firing at where `entityId` was last seen. */
  fireAt(entityId: string, count = 3): void {
    const me = this.me();
    const it = this.body(entityId);
    if (!it) throw new Error(`${entityId} is not in movement`);
    const length = Math.hypot(it.x - me.x, it.y - me.y) || 1;
    this.send({ fire: true, aimX: (it.x - me.x) / length, aimY: (it.y - me.y) / length }, count);
  }

  /** Combat events (`hit`, `death`) received so far. */
  combatEvents(action: "hit" | "death"): Record<string, unknown>[] {
    return this.client.received
      .filter((m) => m.kind === Kind.event && m.feature === "combat" && m.action === action)
      .map((m) => (m as { payload: Record<string, unknown> }).payload);
  }

  close(): void {
    this.client.close();
  }
}
