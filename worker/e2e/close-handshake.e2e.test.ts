import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeServerMessage, encodeClientMessage, type ServerMessage } from "@edgehold/protocol";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";

/**
 * Every close the server starts must finish its handshake promptly: the `ws` client's `close` event (which Node's
 * `ws` fires only once the TCP connection has ended, after both close frames) within about a second. A close
 * frame followed by a TCP connection that lingers for 3–30 s leaves clients stuck in CLOSING, unable to tell
 * "closed" from "network trouble".
 */
const PROMPT_CLOSE_MS = 1000;
const IDLE_TIMEOUT_MS = 4000;

interface Closed {
  code: number;
  reason: string;
  /** From the server's close frame to the `close` event: how long the handshake took to finish. */
  handshakeMs: number;
}

/** A client that speaks only the wire contract and records when the close frame came and when the socket ended. */
class RawClient {
  readonly messages: ServerMessage[] = [];
  private closeFrameAt: number | undefined;
  private seq = 0;
  /** The newest snapshot tick received: pings confirm it, as every client must (or the room closes it, 4008). */
  private ackTick: number | undefined;
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data: ArrayBuffer) => {
      const message = decodeServerMessage(data);
      if (message.kind === "snapshot") this.ackTick = message.payload.tick;
      this.messages.push(message);
    });
    // The server's close frame: `ws` answers it at once and then waits for the server to end the TCP connection.
    // The frame parser exists from `open` on, before any frame has been read.
    socket.once("open", () => {
      const receiver = (socket as unknown as { _receiver: { on(event: "conclude", listener: () => void): void } })._receiver;
      receiver.on("conclude", () => (this.closeFrameAt ??= performance.now()));
    });
    this.closed = new Promise((resolve) =>
      socket.once("close", (code, reason) =>
        {
          const handshakeMs = performance.now() - (this.closeFrameAt ?? performance.now());
          if (this.closeFrameAt !== undefined) console.log(`close ${code}: handshake finished ${handshakeMs.toFixed(1)} ms after the close frame`);
          resolve({ code, reason: reason.toString(), handshakeMs });
        },
      ),
    );
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

  async welcomed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.messages.some((m) => m.kind === "welcome")) {
      if (Date.now() > deadline) throw new Error("no welcome");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  sendRaw(frame: string | Buffer): void {
    this.socket.send(frame);
  }

  ping(): void {
    const ackTick = this.ackTick;
    this.socket.send(encodeClientMessage({ v: 2, kind: "ping", seq: ++this.seq, clientTime: Date.now(), ...(ackTick === undefined ? {} : { payload: { ackTick } }) }, "msgpack"));
  }

  terminate(): void {
    this.socket.terminate();
  }
}

describe("server-initiated closes complete the handshake promptly (wrangler dev)", () => {
  const port = 8793;
  let server: WranglerDev;
  let url: (room: string, query?: Record<string, string>) => string;

  beforeAll(async () => {
    // A short idle timeout, so the 4009 case takes seconds instead of a minute.
    server = await WranglerDev.start({ port, vars: { IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) } });
    url = (room, query = {}) => `ws://127.0.0.1:${port}/api/rooms/${room}/ws?${new URLSearchParams(query)}`;
  }, 90_000);
  afterAll(() => server?.stop(), 30_000);

  const room = (what: string) => `close-${what}-${Date.now().toString(36)}`;

  it("4005: a connection replaced by a newer one", async () => {
    const code = room("replaced");
    const first = await RawClient.open(url(code, { playerId: "p" }));
    await first.welcomed();
    const second = await RawClient.open(url(code, { playerId: "p" }));
    const closed = await first.closed;
    expect(closed.code).toBe(4005);
    expect(closed.handshakeMs).toBeLessThan(PROMPT_CLOSE_MS);
    second.terminate();
  });

  it("4002: a connection that keeps sending invalid frames", async () => {
    const client = await RawClient.open(url(room("violation"), { playerId: "p" }));
    await client.welcomed();
    for (let i = 0; i < 25; i++) client.sendRaw("not json");
    const closed = await client.closed;
    expect(closed.code).toBe(4002);
    expect(closed.handshakeMs).toBeLessThan(PROMPT_CLOSE_MS);
  });

  it("1009: a frame over the hard limit", async () => {
    const client = await RawClient.open(url(room("toobig"), { playerId: "p" }));
    await client.welcomed();
    client.sendRaw(Buffer.alloc(70 * 1024, 1));
    const closed = await client.closed;
    expect(closed.code).toBe(1009);
    expect(closed.handshakeMs).toBeLessThan(PROMPT_CLOSE_MS);
  });

  it("4009: a connection that sends nothing for the idle timeout", async () => {
    const client = await RawClient.open(url(room("idle"), { playerId: "p" }));
    await client.welcomed();
    const closed = await client.closed;
    expect(closed.code).toBe(4009);
    expect(closed.handshakeMs).toBeLessThan(PROMPT_CLOSE_MS);
  });

  it("4003: the 129th player of a full room", async () => {
    const code = room("full");
    const players: RawClient[] = [];
    // The full room's players ping, as open pages do, so the short idle timeout does not empty the room.
    const keepAlive = setInterval(() => players.forEach((player) => player.ping()), 1000);
    try {
      for (let i = 0; i < 128; i += 16) {
        const batch = await Promise.all(Array.from({ length: 16 }, (_, j) => RawClient.open(url(code, { playerId: `p${i + j}` }))));
        await Promise.all(batch.map((client) => client.welcomed()));
        players.push(...batch);
      }
      const late = await RawClient.open(url(code, { playerId: "late" }));
      const closed = await late.closed;
      expect(closed.code).toBe(4003);
      expect(closed.handshakeMs).toBeLessThan(PROMPT_CLOSE_MS);
    } finally {
      clearInterval(keepAlive);
      for (const player of players) player.terminate();
    }
  });
});
