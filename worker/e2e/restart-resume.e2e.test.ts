import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applySnapshot,
  createReplica,
  decodeServerMessage,
  encodeClientMessage,
  type ServerMessage,
  type SnapshotMessage,
  type WelcomeMessage,
} from "@edgehold/protocol";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";

/** A client that knows only the wire contract, over a real socket to a real `wrangler dev`. */
class RawClient {
  readonly messages: ServerMessage[] = [];
  private seq = 0;
  /** The newest snapshot tick received: input batches confirm it, as every client must. */
  private ackTick: number | undefined;
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: ArrayBuffer) => {
      const message = decodeServerMessage(data);
      if (message.kind === "snapshot") this.ackTick = message.payload.tick;
      this.messages.push(message);
    });
  }

  static async open(url: string): Promise<RawClient> {
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    const client = new RawClient(socket);
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    return client;
  }

  async waitFor<M extends ServerMessage>(match: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.messages.find(match);
      if (found) {
        this.messages.splice(0, this.messages.indexOf(found) + 1);
        return found as M;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for a message; last: ${JSON.stringify(this.messages.slice(-3))}`);
  }

  walkUp(fromSeq: number, count: number): void {
    const inputs = Array.from({ length: count }, (_, i) => ({ seq: fromSeq + i, up: true, down: false, left: false, right: true }));
    const payload = this.ackTick === undefined ? { inputs } : { inputs, ackTick: this.ackTick };
    this.socket.send(encodeClientMessage({ v: 2, kind: "command", seq: ++this.seq, feature: "movement", action: "input_batch", payload }, "msgpack"));
  }

  resync(): void {
    this.socket.send(encodeClientMessage({ v: 2, kind: "command", seq: ++this.seq, feature: "session", action: "resync" }, "msgpack"));
  }

  close(): void {
    this.socket.terminate();
  }
}

describe("resume after the server process restarts (wrangler dev)", () => {
  const port = 8791;
  // Our own state dir, so that the second process finds what the first one wrote.
  const persistTo = mkdtempSync(join(tmpdir(), "edgehold-restart-"));
  let server: WranglerDev;

  beforeAll(async () => {
    server = await WranglerDev.start({ port, persistTo });
  }, 90_000);
  afterAll(() => server?.stop(), 30_000);

  it("restores the same player, position and input seq", async () => {
    const room = `restart-${Date.now().toString(36)}`;
    const wsUrl = `ws://127.0.0.1:${port}/api/rooms/${room}/ws`;
    const first = await RawClient.open(wsUrl);
    const welcome = await first.waitFor<WelcomeMessage>((m) => m.kind === "welcome");
    first.walkUp(1, 10);
    first.walkUp(11, 10);
    await first.waitFor<SnapshotMessage>((m) => m.kind === "snapshot" && m.payload.ackInputSeq === 20);
    first.resync();
    const before = await first.waitFor<SnapshotMessage>((m) => m.kind === "snapshot" && m.payload.mode === "full");
    const position = before.payload.features.movement!.set![welcome.payload.entityId];
    // Past the ~1 s periodic checkpoint, then the whole process goes away.
    await new Promise((r) => setTimeout(r, 1200));
    await server.stop();
    first.close();
    server = await WranglerDev.start({ port, persistTo });

    const second = await RawClient.open(`${wsUrl}?resumeToken=${encodeURIComponent(welcome.payload.resumeToken)}`);
    const resumed = await second.waitFor<WelcomeMessage>((m) => m.kind === "welcome");
    expect(resumed.payload).toMatchObject({ playerId: welcome.payload.playerId, resumed: true, lastInputSeq: 20 });
    const full = await second.waitFor<SnapshotMessage>((m) => m.kind === "snapshot");
    const replica = createReplica();
    applySnapshot(replica, full.payload);
    expect(replica.get("movement")!.get(resumed.payload.entityId)).toEqual(position);
    second.walkUp(21, 3);
    expect((await second.waitFor<SnapshotMessage>((m) => m.kind === "snapshot" && m.payload.ackInputSeq === 23)).payload.ackInputSeq).toBe(23);
    second.close();
  }, 120_000);
});
