import WebSocket from "ws";
import {
  Action,
  decodeMsgpack,
  decodeServerMessage,
  encodeClientMessage,
  Feature,
  Kind,
  PROTOCOL_VERSION,
  type BuildAction,
  type Codec,
  type MovementInput,
} from "@edgehold/protocol";

/**
 * A bot building carries one action every 7th input (~4.3 per second), under the room's limit of 5 build actions in
 * any second per player.
 */
const STEPS_PER_BUILD = 7;

/** Movement bytes on the wire, per changed entity, read from the compact `movement.p` records. */
export interface MovementWireStats {
  recordBytes: number;
  records: number;
}

/**
 * One bot player: speaks only the wire contract. It samples an input every simulation step (30 Hz), sends them in
 * batches at ~20 Hz like the real client, wanders by changing direction every 1–2 s, and measures what a player
 * would feel: snapshot cadence, bytes down, and the time from sending an input batch until a snapshot's
 * `ackInputSeq` says the room applied it (input batches get no `ack` envelope).
 */
export class Bot {
  snapshots = 0;
  snapshotTimes: number[] = [];
  bytesDown = 0;
  /** Frames received (every envelope: snapshots, pongs, events, errors, acks). */
  framesDown = 0;
  ackLatenciesMs: number[] = [];
  readonly wire: MovementWireStats = { recordBytes: 0, records: 0 };
  errors = 0;
  closeCode: number | undefined;
  closeReason = "";
  connected = false;
  private socket: WebSocket | undefined;
  /** Last input seq of each batch in flight → when it was sent. */
  private readonly pending = new Map<number, number>();
  private seq = 0;
  private inputSeq = 0;
  private queued: MovementInput[] = [];
  private keys = { up: false, down: false, left: false, right: false };
  private timers: ReturnType<typeof setInterval>[] = [];
  /** Build actions still to send, one per STEPS_PER_BUILD inputs (see `build`). */
  private builds: BuildAction[] = [];
  private stepsSinceBuild = 0;
  private rng: number;

  constructor(
    private readonly url: string,
    readonly playerId: string,
    private readonly codec: Codec,
    seed: number,
    /** False: the bot stays connected and keeps sending inputs every step, with no key held (a player standing still). */
    private walking = true,
  ) {
    this.rng = seed >>> 0 || 1;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      socket.binaryType = "arraybuffer";
      this.socket = socket;
      socket.on("message", (data: ArrayBuffer | string, isBinary: boolean) => this.onFrame(isBinary ? (data as ArrayBuffer) : data.toString(), resolve));
      socket.on("close", (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.connected = false;
        this.stopTimers();
      });
      socket.on("error", (error) => reject(error));
    });
  }

  /** Queues build actions, carried by the bot's next inputs at the rate a player may build. */
  build(actions: readonly BuildAction[]): void {
    this.builds.push(...actions);
  }

  /** Build actions not sent yet. */
  get buildsLeft(): number {
    return this.builds.length;
  }

  /** Starts or stops wandering (a bot that stops holds no key, but keeps sending an input every step). */
  setWalking(walking: boolean): void {
    this.walking = walking;
    if (walking) this.wander();
    else this.keys = { up: false, down: false, left: false, right: false };
  }

  stop(): void {
    this.stopTimers();
    this.socket?.close(1000, "bot done");
  }

  private onFrame(frame: ArrayBuffer | string, onWelcome: () => void): void {
    const now = performance.now();
    this.framesDown++;
    this.bytesDown += typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength;
    const message = decodeServerMessage(frame);
    switch (message.kind) {
      case Kind.welcome:
        this.connected = true;
        this.inputSeq = message.payload.lastInputSeq;
        this.startTimers();
        onWelcome();
        break;
      case Kind.snapshot:
        this.snapshots++;
        this.snapshotTimes.push(now);
        if (typeof frame !== "string") this.countMovementBytes(frame);
        for (const [inputSeq, sentAt] of this.pending) {
          if (inputSeq > message.payload.ackInputSeq) break;
          this.ackLatenciesMs.push(now - sentAt);
          this.pending.delete(inputSeq);
        }
        break;
      case Kind.error:
        this.errors++;
        break;
      default:
        break;
    }
  }

  private countMovementBytes(frame: ArrayBuffer): void {
    const raw = decodeMsgpack(new Uint8Array(frame)) as { payload?: { features?: { movement?: { p?: Uint8Array } } } };
    const packed = raw.payload?.features?.movement?.p;
    if (!packed) return;
    let offset = 0;
    while (offset + 3 <= packed.length) {
      const mask = packed[offset + 2]!;
      const fields = (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
      offset += 3 + 2 * fields;
      this.wire.records++;
    }
    this.wire.recordBytes += packed.length;
  }

  private startTimers(): void {
    // Sample one input per simulation step, as the real client does.
    this.timers.push(setInterval(() => this.sample(), 1000 / 30));
    this.timers.push(setInterval(() => this.flush(), 50));
    this.timers.push(setInterval(() => this.wander(), 1000 + (this.random() % 1000)));
    this.wander();
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private sample(): void {
    const input: MovementInput = { seq: ++this.inputSeq, ...this.keys };
    if (this.builds.length > 0 && ++this.stepsSinceBuild >= STEPS_PER_BUILD) {
      this.stepsSinceBuild = 0;
      input.build = this.builds.shift()!;
    }
    this.queued.push(input);
    if (this.queued.length > 16) this.queued.shift();
  }

  private flush(): void {
    if (this.queued.length === 0 || !this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const seq = ++this.seq;
    const frame = encodeClientMessage(
      { v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: Feature.movement, action: Action.inputBatch, payload: { inputs: this.queued } },
      this.codec,
    );
    this.pending.set(this.queued[this.queued.length - 1]!.seq, performance.now());
    this.queued = [];
    this.socket.send(frame);
  }

  private wander(): void {
    if (!this.walking) return;
    const r = this.random();
    this.keys = { up: (r & 1) !== 0, down: (r & 2) !== 0 && (r & 1) === 0, left: (r & 4) !== 0, right: (r & 8) !== 0 && (r & 4) === 0 };
  }

  private random(): number {
    // xorshift32: reproducible wandering per bot.
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }
}
