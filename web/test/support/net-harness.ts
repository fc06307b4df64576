import type { BuildAction } from "@edgehold/protocol";
import type { Sim, Weapon } from "@edgehold/sim-core";
import { buildInput } from "../../src/features/build/build-controller.ts";
import { fireInput } from "../../src/features/combat/combat-prediction.ts";
import { CLIENT_FEATURES } from "../../src/features/registry.ts";
import { FixedStepPacer } from "../../src/loop/fixed-step-pacer.ts";
import type { Kinematics } from "../../src/net/kinematics.ts";
import { NO_LINK_DELAY } from "../../src/net/link-conditions.ts";
import { RoomClient } from "../../src/net/room-client.ts";
import { FakeRoom } from "./fake-room.ts";
import { FakeSocket, recordingSocketFactory } from "./fake-socket.ts";
import { MemoryResumeStore } from "./memory-resume-store.ts";

export interface HarnessOptions {
  clientSim: Sim;
  serverSim: Sim;
  /** One-way latency (ms) of each direction: 100 gives a 200 ms round trip. */
  oneWayMs: number;
  /** Extra uniform random one-way delay (ms); the stream stays ordered. */
  jitterMs?: number;
  seed?: number;
  start?: { x: number; y: number };
  /** The player's weapon in the room (the page arms its prediction from presence: a warrior's axe without one). */
  weapon?: Weapon;
  /** Pace the input clock by the room's reported input queue, as GameSession does. */
  paceForInputQueue?: boolean;
}

/** Server ticks start this far into the client's step period, so the two clocks are not in lockstep. */
const SERVER_PHASE_MS = 11;
const STEP_MS = 1000 / 30;
/** The client draws at 60 Hz. */
const FRAME_MS = 1000 / 60;

/**
 * A deterministic little world for netcode tests: the real RoomClient (with a fake socket) and a FakeRoom, joined
 * by a simulated link with latency and jitter, all on one virtual clock stepped 1 ms at a time.
 */
export class NetHarness {
  now = 0;
  readonly room: FakeRoom;
  readonly client: RoomClient;
  readonly resumeStore = new MemoryResumeStore();
  readonly sockets: FakeSocket[] = [];
  readonly pacer = new FixedStepPacer(STEP_MS, 4);
  /** Every entity as the page would draw it this frame. */
  readonly drawn = new Map<string, Kinematics>();
  private toServer: { at: number; frame: string | Uint8Array }[] = [];
  private toClient: { at: number; frame: Uint8Array; socket: FakeSocket }[] = [];
  private lastToServer = 0;
  private lastToClient = 0;
  private nextTickAt = SERVER_PHASE_MS;
  private nextFrameAt = 0;
  private rng: number;
  /** Client → server frames sent before this time arrive only then (a network stall in the upstream direction). */
  holdToServerUntil = 0;

  constructor(private readonly options: HarnessOptions) {
    this.rng = options.seed ?? 1;
    this.room = new FakeRoom(options.serverSim, 0, options.start ?? { x: 0, y: 0 }, options.weapon);
    this.client = new RoomClient({
      roomCode: "test",
      socketUrl: async (token) => `ws://test/api/rooms/test/ws${token ? `?resumeToken=${token}` : ""}`,
      sim: options.clientSim,
      link: NO_LINK_DELAY,
      resumeStore: this.resumeStore,
      now: () => this.now,
      createSocket: recordingSocketFactory(this.sockets),
      features: CLIENT_FEATURES,
    });
  }

  get socket(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error("no socket yet");
    return socket;
  }

  /** Lets the transport's async connect run, then has the room welcome that socket. */
  async connect(resumed = false): Promise<void> {
    await settle();
    this.sendToClient(this.room.welcome({ resumed, serverTime: this.now }));
  }

  /**
   * Advances the virtual clock by `ms`. Each client step samples `bits()`: the keys held (optionally with a build
   * action riding that input), or undefined for no input at all (a hidden tab: nothing is simulated or sent).
   */
  run(ms: number, bits: () => number | { bits: number; build?: BuildAction; aim?: { x: number; y: number } } | undefined): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now++;
      this.deliver();
      while (this.now >= this.nextTickAt) {
        this.nextTickAt += STEP_MS;
        const snapshot = this.room.step(this.now);
        if (snapshot) this.sendToClient(snapshot);
      }
      if (this.now >= this.nextFrameAt) {
        this.nextFrameAt += FRAME_MS;
        if (this.options.paceForInputQueue) this.pacer.paceForInputQueue(this.client.inputQueue);
        const steps = this.pacer.advance(this.now);
        for (let i = 0; i < steps; i++) {
          const held = bits();
          if (typeof held === "number") this.client.step(held);
          // As the game session: the features' parts in registry order (combat's shot, then build's action).
          else if (held !== undefined) this.client.step(held.bits, [held.aim && fireInput(held.aim, this.client.viewTime), held.build && buildInput(held.build)]);
        }
        this.client.update(this.now, FRAME_MS);
        // As the game session: the others are drawn at the render time (which a fire input carries as viewTime).
        this.client.sampleRemote(this.now, this.drawn);
      }
      this.collectFromClient();
    }
  }

  /** Stops sampling inputs and runs until the server has acknowledged every one (or `maxMs` passed). */
  drain(maxMs = 2000): void {
    for (let waited = 0; waited < maxMs && this.client.predictor.pendingCount > 0; waited += 10) this.run(10, () => undefined);
  }

  random(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng / 2 ** 32;
  }

  private delay(): number {
    return this.options.oneWayMs + (this.options.jitterMs ?? 0) * this.random();
  }

  private sendToClient(frame: Uint8Array): void {
    this.lastToClient = Math.max(this.now + this.delay(), this.lastToClient);
    this.toClient.push({ at: this.lastToClient, frame, socket: this.socket });
  }

  private collectFromClient(): void {
    for (const frame of this.socket.takeSent()) {
      this.lastToServer = Math.max(this.now + this.delay(), this.lastToServer, this.holdToServerUntil);
      this.toServer.push({ at: this.lastToServer, frame });
    }
  }

  private deliver(): void {
    while (this.toServer.length > 0 && this.toServer[0]!.at <= this.now) {
      for (const reply of this.room.receive(this.toServer.shift()!.frame, this.now)) this.sendToClient(reply);
    }
    while (this.toClient.length > 0 && this.toClient[0]!.at <= this.now) {
      const { frame, socket } = this.toClient.shift()!;
      if (socket.readyState === FakeSocket.OPEN) socket.deliver(frame);
    }
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
