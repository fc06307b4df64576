import { env, runInDurableObject } from "cloudflare:test";
import { Kind, type WelcomeMessage } from "@edgehold/protocol";
import { toRoomRequest } from "../../src/room/join-request.ts";
import { STEP_MS } from "../../src/room/room-config.ts";
import type { RoomDiagnostics } from "../../src/room/room-info.ts";
import type { ManualClock } from "./manual-clock.ts";
import { connect, freshRoom, TestClient, type ConnectOptions } from "./test-client.ts";
import { CLOCKED_ROOM_PREFIX, type TestRoomDurableObject } from "./test-worker.ts";

/** The test-worker bindings of rooms (vitest.config.ts); ROOMS is the real room, reached through the worker. */
export type RoomNamespace = "ROOMS" | "COUNTER_ROOMS" | "WILD_ROOMS" | "DEER_ROOMS" | "WOLF_ROOMS" | "LAG_TEST_ROOMS" | "UNCOMPENSATED_LAG_TEST_ROOMS" | "FLOW_TEST_ROOMS";

/**
 * A fresh room on a manual clock (its code starts with `clocked-`: see test-worker.ts). Everything in it is real —
 * sockets, frames, SQLite, the features — except time: its loop runs only when the test calls `advance`, which runs
 * the steps (snapshots, checkpoints, idle sweeps…) due in that much time at once. So a test waits for nothing but
 * the frames it caused.
 *
 * Frames a client sends are handled when they arrive, at the room's time then; `advance({ after })` first makes
 * sure the room has handled everything those clients sent (`TestClient.roundTrip`).
 */
export class ClockedRoom {
  readonly code: string;

  constructor(
    prefix = "t",
    readonly namespace: RoomNamespace = "ROOMS",
  ) {
    this.code = freshRoom(`${CLOCKED_ROOM_PREFIX}${prefix}`);
  }

  /** Joins over a real socket (ROOMS: through the worker's route, as a page does), after the welcome. */
  async connect(options: ConnectOptions = {}): Promise<{ client: TestClient; welcome: WelcomeMessage }> {
    if (this.namespace === "ROOMS") return connect(this.code, options);
    const request = toRoomRequest({
      roomCode: this.code,
      playerId: options.playerId,
      name: options.name,
      resumeToken: options.resumeToken,
      codec: options.codec ?? "msgpack",
      session: undefined,
    });
    const response = await this.stub().fetch(request);
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
    (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
    socket.accept();
    const client = new TestClient(socket, options.codec ?? "msgpack");
    return { client, welcome: (await client.nextKind(Kind.welcome)) as WelcomeMessage };
  }

  /**
   * Moves the room's time `ms` forward, once the room has handled what `after` sent (a round trip each; a client
   * whose socket closed has nothing left to handle): the steps due in that time run now.
   */
  async advance(ms: number, { after = [] }: { after?: readonly TestClient[] } = {}): Promise<void> {
    await Promise.all(after.map((client) => client.roundTrip({ orClose: true })));
    await this.inRoom((clock) => clock.advance(ms));
  }

  /** Moves the room's time `ms` forward without running its timers, as if its isolate had been busy (ManualClock.stall). */
  stall(ms: number): Promise<void> {
    return this.inRoom((clock) => clock.stall(ms));
  }

  /** `advance` by whole simulation steps. */
  steps(count: number, options: { after?: readonly TestClient[] } = {}): Promise<void> {
    return this.advance(count * STEP_MS, options);
  }

  /**
   * Runs the room one step at a time until `done()` holds, checked after each step once `client` has received
   * everything the room sent by then (a round trip); throws after `maxSteps`.
   */
  async stepUntil(client: TestClient, done: () => boolean, what: string, maxSteps = 90): Promise<void> {
    for (let steps = 0; ; steps++) {
      await client.roundTrip();
      if (done()) return;
      if (steps === maxSteps) throw new Error(`no ${what} within ${maxSteps} steps of the room`);
      await this.steps(1);
    }
  }

  /** The room's time (ms epoch, as its snapshots' serverTime). */
  now(): Promise<number> {
    return this.inRoom((clock) => clock.now());
  }

  /** Timers the room has set and not run: 0 when nothing of it is scheduled (an empty room). */
  pendingTimers(): Promise<number> {
    return this.inRoom((clock) => clock.pendingTimers);
  }

  /** The room's diagnostics (tick, running, dropped steps, rows written…); null before it was created or joined. */
  diagnostics(): Promise<RoomDiagnostics | null> {
    return this.stub().diagnostics(this.code);
  }

  stub(): DurableObjectStub<TestRoomDurableObject> {
    const rooms = (env as unknown as Record<RoomNamespace, DurableObjectNamespace<TestRoomDurableObject>>)[this.namespace];
    return rooms.get(rooms.idFromName(this.code));
  }

  private inRoom<T>(use: (clock: ManualClock) => T): Promise<T> {
    return runInDurableObject(this.stub(), (instance: TestRoomDurableObject) => {
      const clock = instance.manualClock();
      if (!clock) throw new Error(`room ${this.code} has no manual clock (not opened yet?)`);
      return use(clock);
    });
  }
}
