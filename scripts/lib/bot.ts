import WebSocket from "ws";
import {
  Action,
  applySnapshot,
  createReplica,
  decodeMsgpack,
  decodeServerMessage,
  encodeClientMessage,
  ErrorCode,
  Feature,
  Kind,
  ACK_TICK_INTERVAL_MS,
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

/** What bots say: lines of a typical length for a game chat (~30–45 characters). */
const LINES = [
  "anyone want to team up by the north wall?",
  "lol that was close, nice dodge",
  "meet at the gate in five minutes",
  "who is building the big tower over there",
  "gg everyone, that was a fun round",
  "need wood? I have a few crates spare",
];
/**
 * A firing bot picks a random entity within this distance to shoot at (every player weapon reaches 7 m or more,
 * the ranger's 30 m), and keeps it for FIRE_TARGET_STEPS steps (1 s) before picking again.
 */
const FIRE_RANGE_M = 12;
const FIRE_TARGET_STEPS = 30;
/** Bots say they saw the world this long before their newest snapshot, like the page's interpolation delay. */
const VIEW_DELAY_MS = 100;

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
  /** Round trips of the bot's pings (ms, from each pong's echoed clientTime). */
  rttsMs: number[] = [];
  readonly wire: MovementWireStats = { recordBytes: 0, records: 0 };
  errors = 0;
  /** Chat: lines this bot said (sent), chat events received and their bytes, and `rate_limited` refusals. */
  readonly chat = { said: 0, linesDown: 0, bytesDown: 0, rateLimited: 0 };
  /** Error envelopes by code. */
  readonly errorCodes = new Map<string, number>();
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
  private chatTimer: ReturnType<typeof setInterval> | undefined;
  private stepsSinceBuild = 0;
  private rng: number;
  /** What the bot knows of the room (for aiming): every channel, from its snapshots. */
  private readonly replica = createReplica();
  private entityId: string | undefined;
  private latestServerTime = 0;
  /** The newest snapshot tick applied: confirmed (`ackTick`) by every input batch and a ping a second, as every client must. */
  private ackTick: number | undefined;
  private firing = false;
  private aimTarget: string | undefined;
  private stepsOnTarget = 0;
  /** Inputs sent with `fire` (the sim fires those that find the weapon ready). */
  fireInputs = 0;
  /** `combat.hit` events received (every client hears every hit in the room). */
  hitEvents = 0;

  constructor(
    private readonly url: string,
    readonly playerId: string,
    private readonly codec: Codec,
    seed: number,
    /** False: the bot stays connected and keeps sending inputs every step, with no key held (a player standing still). */
    private walking = true,
    /**
     * `perMessageDeflate: false` declines WebSocket compression, as the shared benchmark's bots do (ws offers it by
     * default, as browsers do, and workerd accepts: every frame is then deflated by the server and inflated here,
     * which costs this process more than the rest of a bot's work).
     */
    private readonly socketOptions: { perMessageDeflate?: boolean } = {},
  ) {
    this.rng = seed >>> 0 || 1;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, this.socketOptions);
      socket.binaryType = "arraybuffer";
      this.socket = socket;
      socket.on("message", (data: ArrayBuffer | string, isBinary: boolean) => this.onFrame(isBinary ? (data as ArrayBuffer) : data.toString(), resolve));
      socket.on("close", (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.connected = false;
        this.stopTimers();
        // Closed before its welcome (e.g. 4003, the room is full): a no-op once started.
        reject(new Error(`closed before the welcome: ${code} ${this.closeReason}`.trim()));
      });
      socket.on("error", (error) => reject(error));
    });
  }

  /** Forgets what was measured so far (a warm-up, a previous load step); the connection and its state stay. */
  resetMeasurements(): void {
    this.snapshots = 0;
    this.snapshotTimes = [];
    this.bytesDown = 0;
    this.framesDown = 0;
    this.ackLatenciesMs = [];
    this.rttsMs = [];
    this.wire.recordBytes = 0;
    this.wire.records = 0;
  }

  /** Queues build actions, carried by the bot's next inputs at the rate a player may build. */
  build(actions: readonly BuildAction[]): void {
    this.builds.push(...actions);
  }

  /** Build actions not sent yet. */
  get buildsLeft(): number {
    return this.builds.length;
  }

  /**
   * Says a line every `intervalMs` (the room's chat limit is 5 per 10 s: 2000 ms is chatting at the limit), in
   * `scope`; 0 stops. The first line waits a random part of the interval, so bots do not all speak on one tick.
   */
  chatEvery(intervalMs: number, scope: "room" | "nearby" = "room"): void {
    if (this.chatTimer) clearInterval(this.chatTimer);
    this.chatTimer = undefined;
    if (intervalMs <= 0) return;
    const start = setTimeout(() => {
      this.sayLine(scope);
      this.chatTimer = setInterval(() => this.sayLine(scope), intervalMs);
      this.timers.push(this.chatTimer);
    }, this.random() % intervalMs);
    this.timers.push(start as unknown as ReturnType<typeof setInterval>);
  }

  /**
   * Starts or stops firing: while on, every input fires at a random entity within FIRE_RANGE_M (re-picked every
   * second; no input fires when nobody is in range), with `viewTime` 100 ms before its newest snapshot. The sim
   * ignores the fire bit during the weapon's cooldown, as it would a player holding the button.
   */
  setFiring(firing: boolean): void {
    this.firing = firing;
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
        this.entityId = message.payload.entityId;
        this.startTimers();
        onWelcome();
        break;
      case Kind.snapshot:
        this.snapshots++;
        this.snapshotTimes.push(now);
        applySnapshot(this.replica, message.payload);
        this.latestServerTime = message.payload.serverTime;
        this.ackTick = message.payload.tick;
        if (typeof frame !== "string") this.countMovementBytes(frame);
        for (const [inputSeq, sentAt] of this.pending) {
          if (inputSeq > message.payload.ackInputSeq) break;
          this.ackLatenciesMs.push(now - sentAt);
          this.pending.delete(inputSeq);
        }
        break;
      case Kind.pong:
        this.rttsMs.push(Date.now() - message.payload.clientTime);
        break;
      case Kind.error:
        this.errors++;
        this.errorCodes.set(message.payload.code, (this.errorCodes.get(message.payload.code) ?? 0) + 1);
        if (message.payload.code === ErrorCode.rateLimited && message.payload.action === "chat") this.chat.rateLimited++;
        break;
      case Kind.event:
        if (message.feature === Feature.chat) {
          this.chat.linesDown += message.action === "message" ? 1 : 0;
          this.chat.bytesDown += typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength;
        }
        break;
      case Kind.event:
        if (message.feature === Feature.combat && message.action === "hit") this.hitEvents++;
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
    this.timers.push(setInterval(() => this.ping(), ACK_TICK_INTERVAL_MS));
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
    if (this.firing) this.aim(input);
    this.queued.push(input);
    if (this.queued.length > 16) this.queued.shift();
  }

  private flush(): void {
    if (this.queued.length === 0 || !this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const seq = ++this.seq;
    const ackTick = this.ackTick;
    const payload = ackTick === undefined ? { inputs: this.queued } : { inputs: this.queued, ackTick };
    const frame = encodeClientMessage({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: Feature.movement, action: Action.inputBatch, payload }, this.codec);
    this.pending.set(this.queued[this.queued.length - 1]!.seq, performance.now());
    this.queued = [];
    this.socket.send(frame);
  }

  /** A ping carrying `ackTick`, once a second: the room hears what this bot read even when it sends no inputs. */
  private ping(): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const ackTick = this.ackTick;
    const ping = { v: PROTOCOL_VERSION, kind: Kind.ping, seq: ++this.seq, clientTime: Date.now(), ...(ackTick === undefined ? {} : { payload: { ackTick } }) } as const;
    this.socket.send(encodeClientMessage(ping, this.codec));
  }

  /** One chat line of a typical length (~40 characters). */
  private sayLine(scope: "room" | "nearby"): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const text = `${LINES[this.random() % LINES.length]} #${++this.chat.said}`;
    const frame = encodeClientMessage({ v: PROTOCOL_VERSION, kind: Kind.command, seq: ++this.seq, feature: Feature.chat, action: "send", payload: { text, scope } }, this.codec);
    this.socket.send(frame);
  }

  /** Makes `input` fire at the current target (picking one in range when due), if there is one. */
  private aim(input: MovementInput): void {
    const movement = this.replica.get("movement");
    const me = this.entityId !== undefined ? movement?.get(this.entityId) : undefined;
    if (!movement || !me) return;
    const at = (id: string | undefined) => (id === undefined ? undefined : (movement.get(id) as { x: number; y: number } | undefined));
    const mine = me as { x: number; y: number };
    const inRange = (p: { x: number; y: number } | undefined) => p !== undefined && Math.hypot(p.x - mine.x, p.y - mine.y) <= FIRE_RANGE_M;
    if (++this.stepsOnTarget >= FIRE_TARGET_STEPS || !inRange(at(this.aimTarget))) {
      this.stepsOnTarget = 0;
      const candidates = [...movement.keys()].filter((id) => id !== this.entityId && inRange(at(id)));
      this.aimTarget = candidates.length > 0 ? candidates[this.random() % candidates.length] : undefined;
    }
    const target = at(this.aimTarget);
    if (!target) return;
    const dx = target.x - mine.x;
    const dy = target.y - mine.y;
    const length = Math.hypot(dx, dy);
    if (length < 1e-3) return;
    input.fire = true;
    input.aimX = dx / length;
    input.aimY = dy / length;
    input.viewTime = Math.max(0, this.latestServerTime - VIEW_DELAY_MS);
    this.fireInputs++;
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
