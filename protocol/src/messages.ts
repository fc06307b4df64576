import type { Action, EventAction, Feature, Kind, SnapshotMode } from "./constants.ts";
import type { ErrorCode } from "./constants.ts";

// ---------------------------------------------------------------------------------------------------------------
// Client → server
// ---------------------------------------------------------------------------------------------------------------

/** One simulation step of the sender's input. Input seqs are monotonic per player and survive resume. */
export interface MovementInput {
  seq: number;
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
}

export interface InputBatchPayload {
  inputs: MovementInput[];
}

export type InputBatchCommand = {
  v: 2;
  kind: typeof Kind.command;
  seq: number;
  feature: typeof Feature.movement;
  action: typeof Action.inputBatch;
  clientTime?: number;
  payload: InputBatchPayload;
};

export type ResyncCommand = {
  v: 2;
  kind: typeof Kind.command;
  seq: number;
  feature: typeof Feature.session;
  action: typeof Action.resync;
  clientTime?: number;
  payload?: Record<string, never>;
};

export interface SessionRefreshPayload {
  /** A fresh session token (Clerk) of the same user; at most MAX_SESSION_TOKEN_LENGTH characters. */
  token: string;
}

export type SessionRefreshCommand = {
  v: 2;
  kind: typeof Kind.command;
  seq: number;
  feature: typeof Feature.session;
  action: typeof Action.refresh;
  clientTime?: number;
  payload: SessionRefreshPayload;
};

export type ClientCommand = InputBatchCommand | ResyncCommand | SessionRefreshCommand;

export type PingMessage = { v: 2; kind: typeof Kind.ping; seq: number; clientTime: number };

export type ClientMessage = ClientCommand | PingMessage;

// ---------------------------------------------------------------------------------------------------------------
// Server → client
// ---------------------------------------------------------------------------------------------------------------

export interface WelcomePayload {
  roomCode: string;
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

/** Presence of one player entity: who plays it and how their character looks. */
export interface PresenceFields {
  playerId: string;
  /** The character's name (or the player's display name for a default character). */
  name: string;
  connected: boolean;
  characterId: string;
  characterClass: string;
  /** `#rrggbb`. */
  color: string;
  /** Worn cosmetics, comma-separated (flat fields keep presence deltas simple). */
  cosmetics: string;
}

/** Ground-plane kinematics of one entity, metres and m/s. Values are exact multiples of 1/256. */
export interface MovementFields {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** `set` maps entity id → fields (all fields in full mode; changed fields only in delta mode). */
export interface ChannelPatch<F> {
  set?: Record<string, Partial<F>>;
  remove?: string[];
}

export interface SnapshotFeatures {
  presence?: ChannelPatch<PresenceFields>;
  movement?: ChannelPatch<MovementFields>;
}

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
}

export interface JoinEventPayload {
  entityId: string;
  playerId: string;
  name: string;
}

export interface LeaveEventPayload {
  entityId: string;
  playerId: string;
  reason: string;
}

export interface ResumeTokenEventPayload {
  /** Replaces the stored resume token (the previous one stays valid until its own expiry). */
  resumeToken: string;
  /** Seconds until this token expires. */
  resumeTokenTtl: number;
}

export type WelcomeMessage = { v: 2; kind: typeof Kind.welcome; payload: WelcomePayload };
export type AckMessage = { v: 2; kind: typeof Kind.ack; seq: number; payload: { seq: number } };
export type SnapshotMessage = { v: 2; kind: typeof Kind.snapshot; payload: SnapshotPayload };
export type PongMessage = { v: 2; kind: typeof Kind.pong; seq: number; payload: PongPayload };
export type ErrorMessage = { v: 2; kind: typeof Kind.error; seq?: number; payload: ErrorPayload };
export type EventMessage =
  | { v: 2; kind: typeof Kind.event; feature: typeof Feature.presence; action: typeof EventAction.join; payload: JoinEventPayload }
  | { v: 2; kind: typeof Kind.event; feature: typeof Feature.presence; action: typeof EventAction.leave; payload: LeaveEventPayload }
  | { v: 2; kind: typeof Kind.event; feature: typeof Feature.session; action: typeof EventAction.resumeToken; payload: ResumeTokenEventPayload };

export type ServerMessage = WelcomeMessage | AckMessage | SnapshotMessage | PongMessage | ErrorMessage | EventMessage;
