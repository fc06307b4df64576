import { encodeServerMessage, type Codec, type ServerMessage } from "@edgehold/protocol";
import type { HeldSession } from "../features/session/session-expiry.ts";
import { RateLimiter, StrikeCounter } from "./rate-limiter.ts";

/** What survives hibernation on the socket itself (serializeAttachment): who this connection is. */
export interface ConnectionAttachment {
  connectionId: string;
  roomCode: string;
  playerId: string;
  entityId: number;
  characterId: string;
  codec: Codec;
  connectedAt: number;
  /** The Clerk session behind this socket and when its token expires; absent in dev mode. */
  session?: HeldSession;
}

/** Frames per second a connection may send: ~21/s is normal (20 input batches + 1 ping); 60 is generous. */
const FRAMES_PER_SECOND = 60;
/** A tab waking from a stall may flush a second of queued frames at once. */
const FRAME_BURST = 90;
/** More rejected frames than this in the window closes the socket with 4002 / 4008. */
const STRIKE_LIMIT = 20;
const STRIKE_WINDOW_MS = 10_000;

/** One live WebSocket and its per-connection protocol state. */
export class Connection {
  /** The last envelope seq received; seqs must increase. */
  lastSeq = -1;
  /** Send a `full` snapshot next (join, resume, resync). */
  needsFullSnapshot = true;
  readonly rateLimiter: RateLimiter;
  readonly badFrames = new StrikeCounter(STRIKE_LIMIT, STRIKE_WINDOW_MS);
  readonly droppedFrames = new StrikeCounter(STRIKE_LIMIT, STRIKE_WINDOW_MS);
  bytesSent = 0;

  constructor(
    readonly socket: WebSocket,
    readonly attachment: ConnectionAttachment,
    now: number,
    /** Which tick of the snapshot period (tick % STEPS_PER_SNAPSHOT) this connection's snapshots go out on. */
    readonly snapshotPhase: number,
  ) {
    this.rateLimiter = new RateLimiter(FRAMES_PER_SECOND, FRAME_BURST, now);
  }

  get playerId(): string {
    return this.attachment.playerId;
  }

  /** Encodes and sends; a socket that is already closing just drops the frame. */
  send(message: ServerMessage): void {
    const frame = encodeServerMessage(message, this.attachment.codec);
    try {
      this.socket.send(frame);
      this.bytesSent += typeof frame === "string" ? frame.length : frame.byteLength;
    } catch {
      // The close handler cleans up; nothing else to do for a socket that went away mid-send.
    }
  }

  close(code: number, reason: string): void {
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}
