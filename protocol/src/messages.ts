import type { Kind, SnapshotMode } from "./constants.ts";
import type { CommandUnion, EventUnion, FeatureList, SnapshotChannelsOf } from "./features/derive.ts";
import type { ErrorCode, Features } from "./features/registry.ts";
import type { WorldRules } from "./world-rules.ts";

// The messages of the room itself. Each feature's commands, events and shapes live in its folder and reach the
// package through features/registry.ts; `FeatureCommand<"chat", "send">` and `FeatureEvent<"combat", "hit">` name
// one of them.

// ---------------------------------------------------------------------------------------------------------------
// Client → server
// ---------------------------------------------------------------------------------------------------------------

/** Every command of the built-in features, derived from their definitions (features/registry.ts). */
export type ClientCommand = CommandUnion<Features>;

/** A ping's payload: what the client has read (see ack-tick.ts). Optional: clients from before ackTick send none. */
export interface PingPayload {
  ackTick?: number;
}

export type PingMessage = { v: 2; kind: typeof Kind.ping; seq: number; clientTime: number; payload?: PingPayload };

export type ClientMessage = ClientCommand | PingMessage;

/** What a client may send to a room running the features `Fs` (a parser built with `createProtocol(Fs)`). */
export type ClientMessageOf<Fs extends FeatureList> = CommandUnion<Fs> | PingMessage;

// ---------------------------------------------------------------------------------------------------------------
// Server → client
// ---------------------------------------------------------------------------------------------------------------

export interface WelcomePayload {
  roomCode: string;
  /** The room's kind (`room`, …), fixed when it was created. */
  kind: string;
  /** What of the room's world a client needs to predict its rules (bounds, the spawn ring, the scenery's seed). */
  world: WorldRules;
  /**
   * Kinds with interest management (a plaza): the radius (m) within which this client receives entities, so the page
   * can fade the distance out there. Absent: it receives everything.
   */
  interestRadius?: number;
  playerId: string;
  /** The room-scoped entity id of this player in every snapshot channel. */
  entityId: string;
  /** Present it as `resumeToken` on the next connect to continue this session. Rotated on each welcome. */
  resumeToken: string;
  /** Seconds until the resume token expires. */
  resumeTokenTtl: number;
  /** True when this connection continued a previous session (resume token accepted). */
  resumed: boolean;
  /** The last input seq the server applied for this player: the client continues numbering after it. */
  lastInputSeq: number;
  tickRate: number;
  snapshotRate: number;
  tick: number;
  serverTime: number;
  protocol: 2;
}

/** The channels of a snapshot (channel → patch), derived from the features' channel definitions. */
export type SnapshotFeatures = SnapshotChannelsOf<Features>;

export interface SnapshotPayload {
  mode: SnapshotMode;
  tick: number;
  serverTime: number;
  /** The last input seq of the receiving player that the simulation has applied. */
  ackInputSeq: number;
  /**
   * Inputs of the receiving player queued in the room, not yet simulated. Above INPUT_QUEUE_TARGET the client runs
   * its input clock slightly slower until the queue drains. Optional: rooms before this field omit it.
   */
  inputQueue?: number;
  features: SnapshotFeatures;
}

export interface PongPayload {
  clientTime: number;
  serverTime: number;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  seq?: number;
  /** A finer reason for codes that have several (build_rejected: a BuildRejectReason). */
  reason?: string;
  /** rate_limited for a per-player action: which one (`chat`, `emote`, `build.preview`). */
  action?: string;
  /** muted: seconds the mute still lasts; rate_limited (per action): seconds until the next one is allowed. */
  secondsLeft?: number;
}

export type WelcomeMessage = { v: 2; kind: typeof Kind.welcome; payload: WelcomePayload };
export type AckMessage = { v: 2; kind: typeof Kind.ack; seq: number; payload: { seq: number } };
export type SnapshotMessage = { v: 2; kind: typeof Kind.snapshot; payload: SnapshotPayload };
export type PongMessage = { v: 2; kind: typeof Kind.pong; seq: number; payload: PongPayload };
export type ErrorMessage = { v: 2; kind: typeof Kind.error; seq?: number; payload: ErrorPayload };
/** Every event of the built-in features, derived from their definitions. */
export type EventMessage = EventUnion<Features>;

export type ServerMessage = WelcomeMessage | AckMessage | SnapshotMessage | PongMessage | ErrorMessage | EventMessage;

/** What a room running the features `Fs` sends: their events, and snapshots of their channels. */
export type ServerMessageOf<Fs extends FeatureList> =
  | WelcomeMessage
  | AckMessage
  | { v: 2; kind: typeof Kind.snapshot; payload: Omit<SnapshotPayload, "features"> & { features: SnapshotChannelsOf<Fs> } }
  | PongMessage
  | ErrorMessage
  | EventUnion<Fs>;
