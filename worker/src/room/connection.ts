import { encodeServerMessage, type Codec, type Frame, type ServerMessage } from "@edgehold/protocol";
import type { OutboundMessage, PlayerConnection } from "../features/room-context.ts";
import type { ConnectionAttachment } from "./connection-attachment.ts";
import { RateLimiter, StrikeCounter } from "./rate-limiter.ts";
import { ReadConfirmation } from "./read-confirmation.ts";
import type { RoomTraffic } from "./room-traffic.ts";
import { EVERYTHING, type SnapshotView } from "./snapshot-view.ts";


/** Frames per second a connection may send: ~21/s is normal (20 input batches + 1 ping); 60 is generous. */
const FRAMES_PER_SECOND = 60;
/** A tab waking from a stall may flush a second of queued frames at once. */
const FRAME_BURST = 90;
/**
 * Bytes per second a connection may send, sustained. A normal client sends ~1–2 KB/s (20 input batches of
 * 30–90 bytes plus a ping); 16 KiB/s is ~10× that, yet a client padding every frame to the 16 KiB frame limit
 * gets about one frame per second through, so its flood is dropped (and soon closed, 4008) instead of parsed.
 */
const BYTES_PER_SECOND = 16 * 1024;
/**
 * Bytes a connection may send at once: a tab waking from a stall flushes ~1 s of queued frames (≤ 21 frames of
 * ≤ 900 bytes in JSON, ~19 KB), and four maximum-size frames fit; well under what would cost the room real work.
 */
const BYTE_BURST = 64 * 1024;
/** More rejected frames than this in the window closes the socket with 4002 / 4008. */
const STRIKE_LIMIT = 20;
const STRIKE_WINDOW_MS = 10_000;
/**
 * Frames dropped past the budget while the room is behind its schedule (FixedStepLoop.behind) that close the socket
 * (4008): a client sending ~21 frames a second queues ~600 during a 30 s stall of the room, beyond its burst; a
 * flood of 1,000 frames a second reaches it within a second.
 */
const BEHIND_STRIKE_LIMIT = 600;
/**
 * `rate_limited` notices of dropped frames per second: one per dropped frame would have the room answer a flood (or,
 * when it stalled, every client's queued burst) frame for frame.
 */
const DROP_NOTICES_PER_SECOND = 1;

/** How a room encodes for its feature list (their channel codecs); the built-in list by default. */
export type MessageEncoder = (message: OutboundMessage, codec: Codec) => Frame;
const builtInEncoder: MessageEncoder = (message, codec) => encodeServerMessage(message as ServerMessage, codec);

/** One live WebSocket and its per-connection protocol state. */
export class Connection implements PlayerConnection {
  /** The last envelope seq received; seqs must increase. */
  lastSeq = -1;
  /** Send a `full` snapshot next (join, resume, resync). */
  needsFullSnapshot = true;
  /** What of the world this connection's snapshots show (see SnapshotPublisher); change it with `setView`. */
  view: SnapshotView = EVERYTHING;
  readonly rateLimiter: RateLimiter;
  /** Bytes received, metered like frames: many small frames and a few huge ones both hit a limit. */
  readonly byteBudget: RateLimiter;
  /** When the last valid message (input, command or ping) arrived; the idle sweep closes quiet connections. */
  lastHeardAt: number;
  readonly badFrames = new StrikeCounter(STRIKE_LIMIT, STRIKE_WINDOW_MS);
  readonly droppedFrames = new StrikeCounter(STRIKE_LIMIT, STRIKE_WINDOW_MS);
  readonly droppedWhileRoomBehind = new StrikeCounter(BEHIND_STRIKE_LIMIT, STRIKE_WINDOW_MS);
  /** Telling the client its frames are being dropped: at most DROP_NOTICES_PER_SECOND. */
  readonly dropNotices: RateLimiter;
  bytesSent = 0;
  /** serverTime of the first snapshot sent here (set by the SnapshotPublisher; lag compensation's lower bound). */
  firstSnapshotAt: number | undefined;
  /** What the client confirmed reading (its ackTicks): its measured RTT and how far it lags (see snapshot-flow.ts). */
  readonly reading: ReadConfirmation;
  /** What this connection's page reported (`telemetry.report`): corrections summed, its latest frame time p95. */
  readonly telemetry = { corrections: 0, frameTimeP95Ms: null as number | null, rttMs: null as number | null };

  constructor(
    readonly socket: WebSocket,
    readonly attachment: ConnectionAttachment,
    now: number,
    /** Which tick of the snapshot period (tick % STEPS_PER_SNAPSHOT) this connection's snapshots go out on. */
    readonly snapshotPhase: number,
    private readonly encode: MessageEncoder = builtInEncoder,
    /** The room's traffic counters (room-traffic.ts); a connection made outside a room counts nowhere. */
    private readonly traffic?: RoomTraffic,
  ) {
    this.rateLimiter = new RateLimiter(FRAMES_PER_SECOND, FRAME_BURST, now);
    this.byteBudget = new RateLimiter(BYTES_PER_SECOND, BYTE_BURST, now);
    this.dropNotices = new RateLimiter(DROP_NOTICES_PER_SECOND, 1, now);
    this.lastHeardAt = now;
    this.reading = new ReadConfirmation(now);
  }

  get rttMs(): number | undefined {
    return this.reading.rttMs;
  }

  confirmRead(ackTick: number, now: number): void {
    this.reading.confirm(ackTick, now);
  }

  /** Meters one received frame of `size` bytes against the frame rate and the byte budget; false = drop it. */
  withinBudget(size: number, now: number): boolean {
    return this.rateLimiter.take(now) && this.byteBudget.take(now, size);
  }

  get playerId(): string {
    return this.attachment.playerId;
  }

  /** Encodes and sends; a socket that is already closing just drops the frame. */
  send(message: OutboundMessage): void {
    this.sendFrame(this.encode(message, this.attachment.codec));
  }

  /** Encodes for this connection's codec (a broadcast encodes once per codec and sends the frame to each). */
  encodeFor(message: OutboundMessage): Frame {
    return this.encode(message, this.attachment.codec);
  }

  /** Sends an already encoded frame (of this connection's codec). */
  sendFrame(frame: Frame): void {
    try {
      this.socket.send(frame);
      const bytes = typeof frame === "string" ? frame.length : frame.byteLength;
      this.bytesSent += bytes;
      if (this.traffic) this.traffic.bytesSent += bytes;
    } catch {
      // The close handler cleans up; nothing else to do for a socket that went away mid-send.
    }
  }

  /** A snapshot of `tick` just went out on this connection (sendFrame): its read confirmation waits for it. */
  snapshotSent(tick: number, now: number, full: boolean): void {
    this.reading.sent(tick, now, full);
    if (this.traffic) this.traffic.snapshotsSent++;
  }

  requestFullSnapshot(): void {
    this.needsFullSnapshot = true;
  }

  /** A new view starts with a full snapshot: the client's copy holds the old view's entities. */
  setView(view: SnapshotView): void {
    if (view.key === this.view.key) return;
    this.view = view;
    this.needsFullSnapshot = true;
  }

  saveAttachment(): void {
    this.socket.serializeAttachment(this.attachment);
  }

  close(code: number, reason: string): void {
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}
