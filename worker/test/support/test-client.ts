import { SELF } from "cloudflare:test";
import {
  decodeServerMessage,
  encodeClientMessage,
  Kind,
  PROTOCOL_VERSION,
  type ClientMessage,
  type Codec,
  type MovementInput,
  type ServerMessage,
  type SnapshotMessage,
  type WelcomeMessage,
} from "@edgehold/protocol";

export interface ConnectOptions {
  playerId?: string;
  name?: string;
  resumeToken?: string;
  codec?: Codec;
  /** A Clerk session token (Clerk-mode tests). */
  token?: string;
  /** A matchmade seat (`POST /api/matchmake`). */
  seat?: string;
}

/** A room client that speaks only the wire contract, over a real WebSocket into workerd. */
export class TestClient {
  readonly received: ServerMessage[] = [];
  private cursor = 0;
  /** Waits for the next frame or the close (see `arrival`). */
  private readonly waiters = new Set<() => void>();
  private seq = 0;
  closeEvent: { code: number; reason: string } | undefined;
  /** The newest snapshot tick received (-1 before the first). */
  newestTick = -1;
  /**
   * The `ackTick` input batches and pings carry, as every client must (the room closes a connection that confirms
   * nothing, 4008): the newest snapshot received by default; undefined sends none (a client that does not read).
   */
  ackTick: () => number | undefined = () => (this.newestTick >= 0 ? this.newestTick : undefined);

  constructor(
    readonly socket: WebSocket,
    readonly codec: Codec,
    /** How frames are decoded: the built-in features' codec unless the room runs others (createProtocol). */
    decode: (frame: string | ArrayBuffer) => ServerMessage = decodeServerMessage,
  ) {
    socket.addEventListener("message", (event) => {
      const message = decode(event.data as string | ArrayBuffer);
      if (message.kind === Kind.snapshot) this.newestTick = Math.max(this.newestTick, message.payload.tick);
      this.received.push(message);
      this.wake();
    });
    socket.addEventListener("close", (event) => {
      this.closeEvent = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  /** The next received message (after those already consumed) that matches, or a rejection after `timeoutMs`. */
  async next<M extends ServerMessage = ServerMessage>(match: (m: ServerMessage) => boolean, timeoutMs = 3000, what = "message"): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.received.length) {
        const message = this.received[this.cursor++]!;
        if (match(message)) return message as M;
      }
      if (this.closeEvent) throw new Error(`socket closed (${this.closeEvent.code} ${this.closeEvent.reason}) while waiting for ${what}`);
      await this.arrival(deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    }
  }

  nextKind<K extends ServerMessage["kind"]>(kind: K, timeoutMs = 3000): Promise<Extract<ServerMessage, { kind: K }>> {
    return this.next((m) => m.kind === kind, timeoutMs, kind);
  }

  nextSnapshot(match: (s: SnapshotMessage) => boolean = () => true, timeoutMs = 3000): Promise<SnapshotMessage> {
    return this.next<SnapshotMessage>((m) => m.kind === Kind.snapshot && match(m), timeoutMs, "snapshot");
  }

  /**
   * `condition()`'s value once it is neither undefined nor false, checked now and as each frame arrives; throws if
   * the socket closes first or after `timeoutMs`.
   */
  async until<T>(condition: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = condition();
      if (value !== undefined && value !== false) return value;
      if (this.closeEvent) throw new Error(`socket closed (${this.closeEvent.code} ${this.closeEvent.reason}) while waiting for ${what}`);
      await this.arrival(deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    }
  }

  /** Waits for the socket to close and returns its code. */
  async closed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closeEvent) await this.arrival(deadline, "timed out waiting for close");
    return this.closeEvent;
  }

  /**
   * A ping and its pong: once it resolves, the room has handled every frame this client sent before (one socket
   * keeps their order), and this client has received everything the room sent before the pong. A test on a clocked
   * room calls it before moving the room's time, so what it sent counts. Consumes nothing: messages that arrive
   * meanwhile stay for `next`. Returns the ping's seq (its pong is one more frame received). `orClose`: a socket
   * that is or gets closed meanwhile ends the wait too (the room has nothing more of it to handle).
   */
  async roundTrip({ orClose = false, timeoutMs = 3000 }: { orClose?: boolean; timeoutMs?: number } = {}): Promise<number | undefined> {
    if (orClose && this.closeEvent) return undefined;
    const from = this.received.length;
    const seq = this.ping();
    const answered = () => this.received.slice(from).some((m) => m.kind === Kind.pong && m.seq === seq) || (orClose && this.closeEvent !== undefined);
    await this.until(answered, `pong ${seq}`, timeoutMs);
    return seq;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  send(message: ClientMessage): void {
    this.socket.send(encodeClientMessage(message, this.codec));
  }

  sendRaw(frame: string | ArrayBuffer | Uint8Array): void {
    this.socket.send(frame);
  }

  /** Sends one input batch; `ackTick`: what it confirms (the client's `ackTick()` when not given). */
  sendInputs(inputs: MovementInput[], ackTick = this.ackTick()): number {
    const seq = this.nextSeq();
    this.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "movement", action: "input_batch", payload: ackTick === undefined ? { inputs } : { inputs, ackTick } });
    return seq;
  }

  ping(clientTime = 1234.5): number {
    const seq = this.nextSeq();
    const ackTick = this.ackTick();
    this.send({ v: PROTOCOL_VERSION, kind: Kind.ping, seq, clientTime, ...(ackTick === undefined ? {} : { payload: { ackTick } }) });
    return seq;
  }

  /** Resolves at the next frame or the close; rejects with `timeoutMessage` at `deadline` (ms epoch) if none comes. */
  private arrival(deadline: number, timeoutMessage: string): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new Error(timeoutMessage));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(arrived);
        reject(new Error(timeoutMessage));
      }, remaining);
      const arrived = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(arrived);
    });
  }

  private wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const arrived of waiting) arrived();
  }

  close(code = 1000): void {
    try {
      this.socket.close(code, "test done");
    } catch {
      // already closed
    }
  }
}

export async function connect(room: string, options: ConnectOptions = {}): Promise<{ client: TestClient; welcome: WelcomeMessage }> {
  const params = new URLSearchParams();
  if (options.playerId) params.set("playerId", options.playerId);
  if (options.name) params.set("name", options.name);
  if (options.resumeToken) params.set("resumeToken", options.resumeToken);
  if (options.codec) params.set("codec", options.codec);
  if (options.token) params.set("token", options.token);
  if (options.seat) params.set("seat", options.seat);
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?${params}`, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket;
  if (response.status !== 101 || !socket) throw new Error(`upgrade failed: ${response.status} ${await response.text()}`);
  // Without this, binary frames arrive as Blob in workerd.
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  const client = new TestClient(socket, options.codec ?? "msgpack");
  const welcome = await client.nextKind(Kind.welcome);
  return { client, welcome: welcome as WelcomeMessage };
}

let roomCounter = 0;
/** A fresh room code per test, so tests never share a Durable Object. */
export function freshRoom(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${(roomCounter++).toString(36)}`;
}

export function held(keys: Partial<Omit<MovementInput, "seq">>, fromSeq: number, count: number): MovementInput[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: fromSeq + i,
    up: keys.up ?? false,
    down: keys.down ?? false,
    left: keys.left ?? false,
    right: keys.right ?? false,
  }));
}
