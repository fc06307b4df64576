/** The wire protocol version. Both sides send it as `v` on every envelope. */
export const PROTOCOL_VERSION = 2;

/**
 * Largest frame the server accepts. An input batch of 16 inputs is ~500 bytes in msgpack and ~900 in JSON; a chat
 * line or structure command is far smaller than this. 16 KiB leaves two orders of magnitude of headroom for future
 * commands while keeping a flood of large frames cheap to reject.
 */
export const MAX_FRAME_BYTES = 16 * 1024;

/** Frames this large are not worth reading at all: the socket is closed with 1009 instead of answered. */
export const HARD_MAX_FRAME_BYTES = 64 * 1024;

/** At 30 Hz inputs sent in ~20 Hz batches a batch holds 1–2 inputs; 16 covers a 500 ms stall of a tab. */
export const MAX_INPUTS_PER_BATCH = 16;

/**
 * Queued inputs a room lets a player keep to absorb network jitter (~133 ms at 30 Hz; a client sends a batch of one
 * or two every ~50 ms). Snapshots report the receiving player's queue (`inputQueue`); while it is longer than this
 * the client samples its inputs a little slower than 30 Hz until it drains (see web/src/loop/fixed-step-pacer.ts).
 */
export const INPUT_QUEUE_TARGET = 4;

/** Input and message seqs are u32 counters; staying under 2^31 keeps them safe in every host's int math. */
export const MAX_SEQ = 2 ** 31 - 1;

/**
 * A client confirms what it has read at least this often: `ackTick` on an input batch or on a ping (see
 * ack-tick.ts). A room closes a connection that confirms nothing for long (CloseCode.rateLimited).
 */
export const ACK_TICK_INTERVAL_MS = 1000;

/**
 * `session.resync` at most once per this many ms per player, else `rate_limited`: each one costs the room a full
 * snapshot for that connection, and a client that lost track is made whole by one.
 */
export const RESYNC_MIN_INTERVAL_MS = 2000;

/** Room codes: 1–32 of [A-Za-z0-9_-], case-insensitive (normalised to lower case). */
export const ROOM_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Longest session token a `session.refresh` may carry. Clerk session tokens are ~700–1,500 bytes (more with custom
 * claims); 4 KiB is the size of a cookie, the most Clerk can hand the browser anyway.
 */
export const MAX_SESSION_TOKEN_LENGTH = 4096;

/** Dev-mode player ids: 1–64 of [A-Za-z0-9_-]. */
export const PLAYER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const Kind = {
  command: "command",
  ping: "ping",
  welcome: "welcome",
  ack: "ack",
  snapshot: "snapshot",
  pong: "pong",
  error: "error",
  event: "event",
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

// Feature, Action, COMMANDS, Channel, EventAction, ErrorCode and MovementInput are derived from the feature
// definitions: features/registry.ts.

/**
 * The room's own codes carried by `error` envelopes (and HTTP error bodies). Each names exactly why a frame was
 * rejected. Features declare theirs in their definitions (`errors`); `ErrorCode` (features/registry.ts) is both.
 */
export const CoreErrorCode = {
  /** The frame is larger than MAX_FRAME_BYTES. */
  frameTooLarge: "frame_too_large",
  /** The bytes are not msgpack (binary frame) or JSON (text frame). */
  malformedFrame: "malformed_frame",
  /** Decoded, but not an envelope object with valid v/kind/seq fields. */
  badEnvelope: "bad_envelope",
  /** `v` is not PROTOCOL_VERSION. */
  unsupportedVersion: "unsupported_version",
  /** `kind` is not one a client may send; also HTTP 400 body `error` of `POST /api/rooms` naming no known room kind. */
  unknownKind: "unknown_kind",
  unknownFeature: "unknown_feature",
  unknownAction: "unknown_action",
  /** The payload does not match the action's schema (types, ranges, array lengths). */
  invalidPayload: "invalid_payload",
  /** The envelope seq is not greater than the previous one on this connection. */
  staleSeq: "stale_seq",
  /**
   * Too many frames per second on this connection (the frame was dropped), or too many of one action for this
   * player (chat lines, emotes, build previews): the payload's `action` names it and `secondsLeft` says when the
   * next one is allowed. Repeated flooding of an action escalates: a 60 s mute, then a 4008 close.
   */
  rateLimited: "rate_limited",
  /** The resume token was unknown, expired, or for another player; the client joined fresh instead. */
  resumeRejected: "resume_rejected",
  /** HTTP 503 body `error`: the deployment has neither Clerk configured nor dev mode chosen. */
  notConfigured: "not_configured",
  /** A server bug handling this frame; the room and connection are unaffected. */
  internal: "internal_error",
  /** HTTP 429 body `error`: this player joined the room too often in a short time; retry after `retryAfter` s. */
  tooManyJoins: "too_many_joins",
  /** HTTP 404 body `error`: `GET /api/rooms/:code` for a code that was never created or joined. */
  roomNotFound: "room_not_found",
} as const;
export type CoreErrorCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

/** WebSocket close codes. Application codes are 4000+. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  messageTooBig: 1009,
  /** No valid session token at connect, or the held one expired without a valid `session.refresh`. */
  unauthorized: 4001,
  protocolViolation: 4002,
  roomFull: 4003,
  /** Kicked (`/kick`) or banned (`/ban`) by the room owner; a banned player is refused the same way on every join. */
  kicked: 4004,
  sessionReplaced: 4005,
  /** The user joined more rooms at once than the cap (Clerk mode); the room they joined longest ago is closed. */
  tooManyRooms: 4006,
  /**
   * Frames or bytes over the connection's budget, repeatedly; or an action flooded on after its auto-mute; or
   * "not reading snapshots": its `ackTick` lagged the room by more than 15 s, or it confirmed nothing 15 s after its
   * welcome (a room cannot see a socket's send buffer: this keeps one client's backlog from growing without bound).
   */
  rateLimited: 4008,
  /** The room failed to admit this connection (a storage error); nothing of the join was kept. Try again. */
  internalError: 1011,
  /** Nothing (no input, no ping) arrived for the idle timeout; the page's 1 Hz pings keep an open tab alive. */
  idleTimeout: 4009,
  /** An operator closed the room (`POST /api/admin/rooms/:code/close`): every socket, reason "room closed by the operator". */
  closedByOperator: 4010,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * The only top-level keys a client envelope may carry. Anything else is refused (bad_envelope) rather than ignored:
 * an unknown key is either a client bug worth surfacing or padding that costs the room bandwidth and parse time.
 */
export const ENVELOPE_KEYS: readonly string[] = ["v", "kind", "seq", "feature", "action", "clientTime", "payload"];

export const SnapshotMode = { full: "full", delta: "delta" } as const;
export type SnapshotMode = (typeof SnapshotMode)[keyof typeof SnapshotMode];

export type Codec = "msgpack" | "json";
