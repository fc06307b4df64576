import { encodeServerMessage, PROTOCOL_VERSION, type ServerMessage, type SnapshotFeatures, type WelcomePayload } from "@edgehold/protocol";
import { WasmSim } from "@edgehold/sim-core";
import type { AnyClientFeature } from "../../src/features/client-feature.ts";
import { CLIENT_FEATURES } from "../../src/features/registry.ts";
import { NO_LINK_DELAY } from "../../src/net/link-conditions.ts";
import { RoomClient, type RoomClientOptions } from "../../src/net/room-client.ts";
import { FakeSocket, recordingSocketFactory } from "./fake-socket.ts";
import { MemoryResumeStore } from "./memory-resume-store.ts";
import { settle } from "./net-harness.ts";
import { loadSimModule } from "./sim-module.ts";
import { ROOM_WORLD } from "./test-world.ts";

/** Compiled once for every fixture: the page's own sim.wasm. */
const simModule = loadSimModule();

/** A RoomClient on a fake socket, with helpers to play the server's side message by message. */
export class ClientFixture {
  now = 0;
  readonly sockets: FakeSocket[] = [];
  readonly resumeStore = new MemoryResumeStore();
  readonly urls: string[] = [];
  readonly client: RoomClient;

  /**
   * `sessionToken` (Clerk mode): the URL carries `token=` from it, and the client refreshes with it. `features`:
   * the page's client features (CLIENT_FEATURES by default).
   */
  constructor(options: { sessionToken?: RoomClientOptions["sessionToken"]; features?: readonly AnyClientFeature[] } = {}) {
    const sessionToken = options.sessionToken;
    this.client = new RoomClient({
      roomCode: "room1",
      features: options.features ?? CLIENT_FEATURES,
      ...(sessionToken ? { sessionToken } : {}),
      socketUrl: async (token) => {
        const params = new URLSearchParams();
        if (token) params.set("resumeToken", token);
        const session = sessionToken && (await sessionToken());
        if (session) params.set("token", session);
        const url = `ws://test/api/rooms/room1/ws${params.size > 0 ? `?${params}` : ""}`;
        this.urls.push(url);
        return url;
      },
      sim: WasmSim.fromModule(simModule),
      link: NO_LINK_DELAY,
      resumeStore: this.resumeStore,
      now: () => this.now,
      createSocket: recordingSocketFactory(this.sockets),
    });
  }

  get socket(): FakeSocket {
    return this.sockets[this.sockets.length - 1]!;
  }

  async welcome(overrides: Partial<WelcomePayload> = {}): Promise<void> {
    await settle();
    this.send({
      v: PROTOCOL_VERSION,
      kind: "welcome",
      payload: {
        roomCode: "room1",
        kind: "room",
        world: ROOM_WORLD,
        playerId: "me",
        entityId: "1",
        resumeToken: "token-a",
        resumeTokenTtl: 300,
        resumed: false,
        lastInputSeq: 0,
        tickRate: 30,
        snapshotRate: 10,
        tick: 0,
        serverTime: 0,
        protocol: 2,
        ...overrides,
      },
    });
  }

  snapshot(mode: "full" | "delta", tick: number, ackInputSeq: number, features: SnapshotFeatures): void {
    this.send({ v: PROTOCOL_VERSION, kind: "snapshot", payload: { mode, tick, serverTime: 1_000_000 + tick * 33, ackInputSeq, features } });
  }

  send(message: ServerMessage): void {
    const frame = encodeServerMessage(message, "msgpack");
    this.socket.deliver(frame);
  }
}
