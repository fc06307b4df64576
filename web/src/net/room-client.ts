import {
  Action,
  applySnapshot,
  createReplica,
  ErrorCode,
  Feature,
  Kind,
  PROTOCOL_VERSION,
  RESYNC_MIN_INTERVAL_MS,
  type ClientMessage,
  type Codec,
  type FeatureDefinition,
  type ServerMessage,
  type SnapshotPayload,
  type WelcomePayload,
} from "@edgehold/protocol";
import { WORLD_HALF_EXTENT, type Sim } from "@edgehold/sim-core";
import type { AnyClientFeature, ClientFeatureContext, LocalStateKey } from "../features/client-feature.ts";
import { ClientFeatureRegistry } from "../features/feature-registry.ts";
import type { FeatureSend, RoomNet } from "../features/feature-session.ts";
import { SessionRefresher } from "../identity/session-refresher.ts";
import { adoptWorld } from "../sim/world-scenery.ts";
import { ErrorBlender } from "./error-blender.ts";
import { FeatureRoomState } from "./feature-room-state.ts";
import { composeInput, type InputPart } from "./input-bits.ts";
import { InputSender } from "./input-sender.ts";
import { Interpolator } from "./interpolator.ts";
import { readBodies, type Kinematics } from "./kinematics.ts";
import type { LinkConditions } from "./link-conditions.ts";
import { KEEPALIVE_CHECK_MS, MAX_PENDING_INPUTS, PING_INTERVAL_MS } from "./net-config.ts";
import { epochNow, PingClock } from "./ping-clock.ts";
import type { PredictionHost, PredictionKey, PredictionParticipant } from "./prediction.ts";
import { Predictor } from "./predictor.ts";
import { presenceOfKind, type PresenceInfo } from "./presence.ts";
import { RateMeter } from "./rate-meter.ts";
import { RoomEvents } from "./room-events.ts";
import type { ResumeStore } from "./resume-store.ts";
import { SnapshotBuffer } from "./snapshot-buffer.ts";
import { SnapshotTimeline } from "./snapshot-timeline.ts";
import { sessionTokenOf } from "./socket-url.ts";
import { Transport, type ConnectionPhase } from "./transport.ts";

export interface RoomClientOptions {
  roomCode: string;
  /**
   * Builds the socket URL for an attempt, given the stored resume token (if any). In Clerk mode it carries the
   * session token as `?token=` (the wire contract), which is the token the socket then holds.
   */
  socketUrl(resumeToken: string | undefined): Promise<string>;
  /** Clerk mode: fresh session tokens, sent with `session.refresh` before the held one expires. Absent in dev mode. */
  sessionToken?: (options?: { skipCache?: boolean }) => Promise<string | null>;
  /** The simulation used to predict the player's own entity (one slot of it). */
  sim: Sim;
  link: LinkConditions;
  resumeStore: ResumeStore;
  codec?: Codec;
  /** Local clock (ms); performance.now by default. */
  now?: () => number;
  createSocket?: (url: string) => WebSocket;
  /** The page's features (their event handlers, channels' replication, prediction parts): CLIENT_FEATURES. */
  features: readonly AnyClientFeature[];
}

/** Snapshots per second the server promises (welcome.snapshotRate); until welcome, the protocol's 10. */
const DEFAULT_SNAPSHOT_RATE = 10;
/**
 * The room takes one `session.resync` per RESYNC_MIN_INTERVAL_MS; jitter can bring two requests sent exactly that
 * far apart closer together on arrival, so the page waits this much longer (a refused one would cost 2 s more).
 */
const RESYNC_JITTER_MARGIN_MS = 250;

/**
 * The netcode of one room, with no view and no feature by name: transport, replication (replica, snapshot buffer,
 * interpolation timeline), prediction and reconciliation of the own entity (with the features' prediction parts),
 * input batching, ping, and the numbers the HUD and net-graph show. The game loop drives it: `step(bits, parts)`
 * once per fixed step, `update(now)` once per frame. Features send their commands with `sendCommand` (typed per
 * feature by `commandsOf`) and keep their per-room state with `local` and `prediction`.
 */
export class RoomClient implements RoomNet {
  readonly replica = createReplica();
  readonly buffer = new SnapshotBuffer();
  readonly timeline: SnapshotTimeline;
  readonly interpolator: Interpolator;
  readonly predictor: Predictor;
  readonly blender = new ErrorBlender();
  readonly ping = new PingClock();
  readonly bytesDown = new RateMeter();
  readonly bytesUp = new RateMeter();
  readonly snapshotRate = new RateMeter();
  readonly correctionRate = new RateMeter();
  readonly events = new RoomEvents();
  phase: ConnectionPhase = "connecting";
  phaseDetail: string | undefined;
  welcome: WelcomePayload | undefined;
  serverTick = 0;
  /**
   * The newest snapshot tick applied on this connection (undefined before its first): every input batch and ping
   * carries it as `ackTick`, which the room reads for this connection's RTT and to know it keeps reading.
   */
  ackTick: number | undefined;
  ackInputSeq = 0;
  /** How many of this player's inputs the room holds, not yet simulated (last snapshot; 0 before one). */
  inputQueue = 0;
  /** How far (ms) the last render time lay past the newest snapshot: > 0 means extrapolating (net-graph). */
  extrapolatingMs = 0;
  /** The server time the other entities were last drawn at (the interpolation time): a fire input's `viewTime`. */
  viewTime: number | undefined;
  /** Every entity as last drawn (sampleRemote's output): where the predicting sim puts the others' bodies. */
  private drawn: ReadonlyMap<string, Kinematics> = new Map();
  private inputSeq = 0;
  private lastPingAt = -Infinity;
  private lastResyncAt = -Infinity;
  private readonly keepAlive: ReturnType<typeof setInterval>;
  private readonly transport: Transport;
  private readonly sender: InputSender;
  private readonly now: () => number;
  private readonly refresher: SessionRefresher | undefined;
  private readonly features: ClientFeatureRegistry;
  private readonly featureContext: ClientFeatureContext;
  private readonly featureState: FeatureRoomState;
  /** The channel of the bodies: interpolated for everyone else, reconciled for the own one. */
  private readonly bodyChannel: string;
  /** The URL of the latest attempt: the socket that gets welcomed is the one opened with it. */
  private lastSocketUrl: string | undefined;
  /**
   * The own body's teleport counter in the last snapshot: a change is a server-side move, snapped to. Undefined until
   * a session's first snapshot, which sets it (the counter lives as long as the body, whichever page watches it).
   */
  private ownTeleport: number | undefined;

  constructor(private readonly options: RoomClientOptions) {
    this.now = options.now ?? (() => performance.now());
    this.features = new ClientFeatureRegistry(options.features);
    this.bodyChannel = this.features.bodyChannel();
    this.featureContext = {
      roomCode: options.roomCode,
      replica: this.replica,
      resumeStore: options.resumeStore,
      notify: (text) => this.events.add(text),
      local: (key) => this.local(key),
    };
    this.timeline = new SnapshotTimeline(1000 / DEFAULT_SNAPSHOT_RATE);
    this.interpolator = new Interpolator(this.buffer, 1000 / DEFAULT_SNAPSHOT_RATE, WORLD_HALF_EXTENT);
    const host: PredictionHost = {
      sim: options.sim,
      selfSlot: 0,
      replica: this.replica,
      selfEntityId: () => this.selfEntityId,
      selfPlayerId: () => this.welcome?.playerId,
      world: () => this.welcome?.world,
      drawn: () => this.drawn,
    };
    this.featureState = new FeatureRoomState(options.features, host, this.now);
    this.predictor = new Predictor(options.sim, host.selfSlot, this.featureState.participants);
    this.transport = new Transport(
      {
        url: async () => (this.lastSocketUrl = await options.socketUrl(options.resumeStore.load(options.roomCode))),
        codec: options.codec ?? "msgpack",
        link: options.link,
        ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      },
      {
        onMessage: (message) => this.onMessage(message),
        onPhase: (phase, detail) => this.onPhase(phase, detail),
        onBytes: (down, up) => {
          const now = this.now();
          if (down) this.bytesDown.add(down, now);
          if (up) this.bytesUp.add(up, now);
        },
      },
    );
    this.sender = new InputSender(this.transport, () => this.ackTick);
    this.keepAlive = setInterval(() => this.pingIfDue(this.now()), KEEPALIVE_CHECK_MS);
    const getToken = options.sessionToken;
    this.refresher = getToken && new SessionRefresher({
      getToken,
      send: (token) =>
        this.transport.send((seq) => ({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: Feature.session, action: Action.refresh, payload: { token } })),
    });
  }

  /** The player's entity id in snapshot channels, once welcomed. */
  get selfEntityId(): string | undefined {
    return this.welcome?.entityId;
  }

  /** True when a new input may be simulated: welcomed, own state known, not too far ahead of the server. */
  get canPredict(): boolean {
    return this.transport.isOpen && this.predictor.ready && this.predictor.pendingCount < MAX_PENDING_INPUTS;
  }

  /**
   * One fixed simulation step: the held movement keys plus what the features add to this input (their controllers'
   * `input()`, in registry order), predicted now and sent with the next batch. Returns the input's seq (the `seq` a
   * refusal of what rode it names), or undefined when nothing was simulated.
   */
  step(bits: number, parts: readonly (InputPart | undefined)[] = []): number | undefined {
    if (!this.canPredict) return undefined;
    const input = composeInput(++this.inputSeq, bits, parts);
    this.predictor.applyInput(input);
    this.sender.push(input.wire);
    return input.seq;
  }

  /**
   * Sends one command of a feature: acked, or refused with an `error` naming the seq returned (undefined while
   * offline: commands are not queued). Features call it through their typed `send` (commandsOf), checked against
   * their own protocol definition, which the page's built-in union may not list (a test-only feature's).
   */
  sendCommand(feature: string, action: string, payload?: object): number | undefined {
    const command = (seq: number) => ({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature, action, ...(payload === undefined ? {} : { payload }) }) as ClientMessage;
    return this.transport.send(command);
  }

  /** The typed `send` of one feature's commands (what its controller gets as `session.send`). */
  commandsOf<F extends FeatureDefinition>(feature: F): FeatureSend<F> {
    return ((action: string, payload?: object) => this.sendCommand(feature.name, action, payload)) as FeatureSend<F>;
  }

  /** A feature's state for this room, the same object its event handlers see (made on first use). */
  local<T>(key: LocalStateKey<T>): T {
    return this.featureState.local(key);
  }

  /** A feature's prediction part (made with this client, from the features it was given). */
  prediction<P extends PredictionParticipant>(key: PredictionKey<P>): P {
    return this.featureState.prediction(key);
  }

  /**
   * Changes whenever a snapshot may have changed `channel` (a full one, or a delta carrying it): a layer that draws
   * a large latest-value channel (structures) redraws only then.
   */
  channelVersion(channel: string): number {
    return this.featureState.channelVersion(channel);
  }

  /** The server's clock now (ms): from the ping clock, else the render time plus its delay. */
  serverNow(): number {
    if (this.ping.offsetMs !== undefined) return epochNow() + this.ping.offsetMs;
    return (this.viewTime ?? 0) + this.timeline.delayMs;
  }

  /** The serverTime of the newest snapshot in the interpolation buffer (undefined before the first). */
  get newestSnapshotTime(): number | undefined {
    return this.buffer.frames[this.buffer.frames.length - 1]?.serverTime;
  }

  /** Per-frame upkeep: send due input batches and pings, fade the correction offset. */
  update(now: number, elapsedMs: number): void {
    this.blender.decay(elapsedMs);
    if (!this.transport.isOpen) return;
    this.sender.flush(now);
    this.pingIfDue(now);
  }

  /** One ping a second while the socket is open, from the frame loop or (in a hidden tab) the keep-alive timer. */
  private pingIfDue(now: number): void {
    if (!this.transport.isOpen || now - this.lastPingAt < PING_INTERVAL_MS) return;
    this.lastPingAt = now;
    const ackTick = this.ackTick;
    this.transport.send((seq) => ({ v: PROTOCOL_VERSION, kind: Kind.ping, seq, clientTime: epochNow(), ...(ackTick === undefined ? {} : { payload: { ackTick } }) }));
  }

  /** Every entity's interpolated state at the render time for local time `now` (own entity included). */
  sampleRemote(now: number, out: Map<string, Kinematics>): void {
    const renderTime = this.timeline.renderTime(now);
    if (renderTime === undefined) {
      out.clear();
      return;
    }
    this.extrapolatingMs = this.interpolator.sampleInto(renderTime, out);
    this.viewTime = renderTime;
    this.drawn = out;
  }

  /**
   * Where to draw the player's own entity: between the last two predicted steps, plus the fading error. Written
   * into `out` (no allocation per frame); false while there is no prediction yet.
   */
  selfPosition(alpha: number, out: { x: number; y: number }): boolean {
    if (!this.predictor.ready) return false;
    const a = this.predictor.beforeLatest;
    const b = this.predictor.latest;
    out.x = a.x + (b.x - a.x) * alpha + this.blender.x;
    out.y = a.y + (b.y - a.y) * alpha + this.blender.y;
    return true;
  }

  /** Every player in the room per the presence channel (creatures are not players), in entity order. */
  players(): PresenceInfo[] {
    return presenceOfKind(this.replica, "player");
  }

  dispose(): void {
    clearInterval(this.keepAlive);
    this.refresher?.stop();
    this.transport.dispose();
    this.predictor.reset();
  }

  // -- messages ------------------------------------------------------------------------------------------------

  private onMessage(message: ServerMessage): void {
    switch (message.kind) {
      case Kind.welcome:
        this.onWelcome(message.payload);
        break;
      case Kind.snapshot:
        this.onSnapshot(message.payload);
        break;
      case Kind.pong:
        this.ping.onPong(message.payload.clientTime, message.payload.serverTime, epochNow());
        break;
      case Kind.event:
        // Each event goes to the feature that owns it; one no feature owns is ignored.
        this.features.dispatchEvent(message, this.featureContext);
        break;
      case Kind.error:
        // Each feature that looks at errors may show it (registry order); one none showed is logged.
        if (!this.features.dispatchError(message.payload, message.payload.seq ?? message.seq, this.featureContext))
          console.warn(`[room] server error ${message.payload.code}: ${message.payload.message}`);
        if (message.payload.code === ErrorCode.refreshRejected && message.seq !== undefined) this.refresher?.rejected(message.seq);
        break;
      case Kind.ack:
        this.refresher?.acked(message.seq);
        break;
    }
  }

  private onWelcome(welcome: WelcomePayload): void {
    const resumedSameSession = welcome.resumed && this.welcome !== undefined && this.predictor.ready;
    this.welcome = welcome;
    // The room's kind decides its world (a plaza: 512 m, scenery): the predicting sim holds it as the room's does.
    adoptWorld(welcome.world, this.options.sim, [this.interpolator]);
    // A new connection's queue starts empty, and it has applied none of its snapshots yet.
    [this.inputQueue, this.ackTick] = [0, undefined];
    this.options.resumeStore.save(this.options.roomCode, welcome.resumeToken, welcome.resumeTokenTtl);
    this.refresher?.hold(sessionTokenOf(this.lastSocketUrl));
    // Entity ids can be reassigned across connections: the interpolation history starts over.
    this.buffer.clear();
    this.timeline.reset();
    // The same session keeps comparing with the counter it last saw (a move while it was away is still a snap); a new
    // one takes its first snapshot's counter as it is.
    if (!resumedSameSession) this.ownTeleport = undefined;
    if (resumedSameSession) {
      // The server applied inputs up to lastInputSeq; everything after it (maybe lost in flight) goes again.
      this.sender.replaceQueue(this.predictor.pendingAfter(welcome.lastInputSeq));
      this.inputSeq = Math.max(this.inputSeq, welcome.lastInputSeq);
    } else {
      this.predictor.reset();
      this.blender.reset();
      this.sender.clear();
      this.inputSeq = welcome.lastInputSeq;
    }
  }

  private onSnapshot(snapshot: SnapshotPayload): void {
    const now = this.now();
    applySnapshot(this.replica, snapshot);
    this.featureState.observe(snapshot);
    this.snapshotRate.add(1, now);
    this.serverTick = snapshot.tick;
    this.ackTick = snapshot.tick;
    this.ackInputSeq = snapshot.ackInputSeq;
    this.inputQueue = snapshot.inputQueue ?? 0;
    this.timeline.observe(snapshot.serverTime, now);

    const { bodies, incomplete } = readBodies(this.replica.get(this.bodyChannel) ?? []);
    if (incomplete) this.requestResync(now);
    this.buffer.push({ serverTime: snapshot.serverTime, tick: snapshot.tick, entities: bodies });

    const own = this.selfEntityId === undefined ? undefined : bodies.get(this.selfEntityId);
    if (!own) return;
    const teleported = this.ownTeleport !== undefined && (own.teleport ?? 0) !== this.ownTeleport;
    this.ownTeleport = own.teleport ?? 0;
    const result = this.predictor.reconcile(snapshot.ackInputSeq, own, teleported);
    // A snap leaves no error to fade: any offset still fading from an earlier correction would pull the body back.
    if (result.snapped) this.blender.reset();
    if (result.corrected) {
      this.blender.add(result.errorX, result.errorY);
      this.correctionRate.add(1, now);
    }
  }

  private onPhase(phase: ConnectionPhase, detail: string | undefined): void {
    const previous = this.phase;
    this.phase = phase;
    this.phaseDetail = detail;
    if (phase === "open") this.sender.flush(this.now(), true);
    if (phase === "reconnecting" && previous === "open") this.events.add(`connection lost: ${detail ?? "reconnecting"}`);
  }

  /** A delta referred to an entity the replica does not fully know: ask for a full snapshot (as often as the room allows). */
  private requestResync(now: number): void {
    if (now - this.lastResyncAt < RESYNC_MIN_INTERVAL_MS + RESYNC_JITTER_MARGIN_MS) return;
    this.lastResyncAt = now;
    this.transport.send((seq) => ({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: Feature.session, action: Action.resync }));
  }
}
