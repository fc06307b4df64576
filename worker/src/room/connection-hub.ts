import { CloseCode, ErrorCode, HARD_MAX_FRAME_BYTES, Kind, PROTOCOL_VERSION, type FeatureList, type Frame, type Protocol, type TelemetryReportPayload } from "@edgehold/protocol";
import type { OutboundMessage } from "../features/room-context.ts";
import type { CharacterProfileStore } from "../storage/character-profiles.ts";
import { SessionEndReason, type SessionHistoryStore } from "../storage/session-history.ts";
import type { Clock } from "./clock.ts";
import type { ConnectionAttachment } from "./connection-attachment.ts";
import { Connection } from "./connection.ts";
import { errorMessage } from "./error-message.ts";
import { idleCloseReason, idleConnections } from "./idle-timeout.ts";
import { acceptLiveSocket, type SocketHandlers } from "./live-socket.ts";
import type { RoomWorld } from "./room-world.ts";
import { RoomTraffic } from "./room-traffic.ts";
import { NOT_READING_REASON, notReading, type SnapshotFlowLimits } from "./snapshot-flow.ts";

/** A validated command from a live connection. */
export type IncomingCommand = Extract<ReturnType<Protocol<FeatureList>["parseClientFrame"]>, { ok: true }>["message"] & { kind: "command" };

/** Ends a connection from the server side (the session manager's `end`). */
export type EndConnection = (connection: Connection, code: number, reason: string, endReason: SessionEndReason) => void;

/**
 * The room's sockets: which connection each is and whose, accepting live sockets and restoring sockets an older
 * deployment left hibernated, and everything about incoming frames before a feature sees them — the frame size
 * limit (1009), the frame and byte budget (4008 after repeated drops), parsing with this room's protocol, seq order,
 * bad-frame strikes (4002), pings (and the ackTick they carry), the idle sweep (4009) and the sweep of connections
 * that do not read their snapshots (4008).
 */
export class ConnectionHub {
  readonly connections = new Map<WebSocket, Connection>();
  readonly byPlayer = new Map<string, Connection>();
  /** Frames and bytes in and out, closes by code (the operators' figures). */
  readonly traffic = new RoomTraffic();

  constructor(
    private readonly protocol: Protocol<FeatureList>,
    private readonly clock: Clock,
    private readonly end: EndConnection,
    private readonly onCommand: (connection: Connection, command: IncomingCommand, now: number) => void,
    /** Whether the room is behind its schedule (FixedStepLoop.behind): frames read now may have queued meanwhile. */
    private readonly roomBehind: (now: number) => boolean = () => false,
  ) {}

  accept(socket: WebSocket, handlers: SocketHandlers): void {
    acceptLiveSocket(socket, handlers);
  }

  /** A connection for `socket`, encoding with this room's protocol. */
  open(socket: WebSocket, attachment: ConnectionAttachment, now: number, snapshotPhase: number): Connection {
    const connection = new Connection(socket, attachment, now, snapshotPhase, (message, codec) =>
      this.protocol.encodeServerMessage(message as never, codec),
      this.traffic,
    );
    this.connections.set(socket, connection);
    this.byPlayer.set(attachment.playerId, connection);
    return connection;
  }

  /** Forgets `connection`; true when it was its player's current one. */
  forget(connection: Connection): boolean {
    this.connections.delete(connection.socket);
    if (this.byPlayer.get(connection.playerId) !== connection) return false;
    this.byPlayer.delete(connection.playerId);
    return true;
  }

  send(playerId: string, message: OutboundMessage): void {
    this.byPlayer.get(playerId)?.send(message);
  }

  /** Sends to every connection but `exceptPlayerId`'s, encoding once per codec (a chat line to 64 players: 1–2 encodes). */
  broadcast(message: OutboundMessage, exceptPlayerId?: string): void {
    this.sendToEach(this.connections.values(), message, exceptPlayerId);
  }

  /** Sends to each of `connections` but `exceptPlayerId`'s, encoding once per codec. */
  sendToEach(connections: Iterable<Connection>, message: OutboundMessage, exceptPlayerId?: string): void {
    const frames = new Map<string, Frame>();
    for (const connection of connections) {
      if (connection.playerId === exceptPlayerId) continue;
      const codec = connection.attachment.codec;
      let frame = frames.get(codec);
      if (frame === undefined) frames.set(codec, (frame = connection.encodeFor(message)));
      connection.sendFrame(frame);
    }
  }

  frame(socket: WebSocket, data: string | ArrayBuffer): void {
    const connection = this.connections.get(socket);
    if (!connection) {
      socket.close(CloseCode.protocolViolation, "unknown connection");
      return;
    }
    const now = this.clock.now();
    const size = typeof data === "string" ? data.length : data.byteLength;
    this.traffic.received(size);
    if (size > HARD_MAX_FRAME_BYTES) {
      this.end(connection, CloseCode.messageTooBig, `frames over ${HARD_MAX_FRAME_BYTES} bytes are not accepted`, SessionEndReason.kicked);
      return;
    }
    if (!connection.withinBudget(size, now)) {
      if (connection.dropNotices.take(now)) connection.send(errorMessage(ErrorCode.rateLimited, "too many frames or bytes: frames are being dropped (told at most once a second)"));
      // A room that fell behind reads what its clients sent meanwhile all at once: past the budget that burst is
      // dropped, as any, but it counts against a far larger limit (a stalled plaza once closed hundreds of players
      // for it). A flood still reaches that limit within a second.
      const strikes = this.roomBehind(now) ? connection.droppedWhileRoomBehind : connection.droppedFrames;
      if (strikes.strike(now)) {
        this.end(connection, CloseCode.rateLimited, "rate limit exceeded repeatedly", SessionEndReason.kicked);
      }
      return;
    }
    const parsed = this.protocol.parseClientFrame(data);
    if (!parsed.ok) {
      this.reject(connection, errorMessage(parsed.code, parsed.message, parsed.seq), now);
      return;
    }
    const message = parsed.message;
    connection.lastHeardAt = now;
    if (message.seq <= connection.lastSeq) {
      // A replayed or reordered frame is dropped and named, but is not a protocol strike: it carries nothing new.
      connection.send(errorMessage(ErrorCode.staleSeq, `seq ${message.seq} is not greater than ${connection.lastSeq}`, message.seq));
      return;
    }
    connection.lastSeq = message.seq;
    if (message.kind === Kind.ping) {
      if (message.payload?.ackTick !== undefined) connection.confirmRead(message.payload.ackTick, now);
      connection.send({ v: PROTOCOL_VERSION, kind: Kind.pong, seq: message.seq, payload: { clientTime: message.clientTime, serverTime: now } });
      return;
    }
    this.onCommand(connection, message as IncomingCommand, now);
  }

  /** A page's `telemetry.report`: its corrections (since its last report) add up, its frame time and RTT replace. */
  reportTelemetry(connection: Connection, report: TelemetryReportPayload): void {
    connection.telemetry.corrections += report.corrections;
    connection.telemetry.frameTimeP95Ms = report.frameTimeP95Ms;
    connection.telemetry.rttMs = report.rttMs ?? null;
    this.traffic.corrections += report.corrections;
  }

  /** Answers a bad frame or a rejected command; a connection that keeps sending them is closed (4002). */
  reject(connection: Connection, error: OutboundMessage, now: number): void {
    connection.send(error);
    if (connection.badFrames.strike(now)) {
      this.end(connection, CloseCode.protocolViolation, "too many invalid frames", SessionEndReason.kicked);
    }
  }

  closeIdle(now: number, timeoutMs: number): void {
    for (const connection of idleConnections(this.connections.values(), now, timeoutMs)) {
      this.end(connection, CloseCode.idleTimeout, idleCloseReason(timeoutMs), SessionEndReason.idle);
    }
  }

  /** Closes (4008) the connections that stopped reading their snapshots, or never confirmed one (snapshot-flow.ts). */
  closeNotReading(now: number, limits: SnapshotFlowLimits): void {
    for (const connection of [...this.connections.values()]) {
      if (notReading(connection.reading, now, limits)) this.end(connection, CloseCode.rateLimited, NOT_READING_REASON, SessionEndReason.kicked);
    }
  }

  /**
   * After hibernation the sockets are still here but memory is not: rebuild connections from attachments. Room
   * sockets are now accepted without hibernation (see live-socket.ts), so this only finds sockets accepted by an
   * older deployment. Returns how many came back.
   */
  restore(
    sockets: readonly WebSocket[],
    world: RoomWorld,
    profiles: CharacterProfileStore,
    sessions: SessionHistoryStore,
    phaseFor: () => number,
  ): number {
    const now = this.clock.now();
    const survivors = new Set<string>();
    for (const socket of sockets) {
      const attachment = socket.deserializeAttachment() as ConnectionAttachment | null;
      const profile = attachment && profiles.load(attachment.playerId, attachment.characterId);
      if (!attachment || !profile) {
        socket.close(CloseCode.goingAway, "room restarted");
        continue;
      }
      world.join(attachment.playerId, profile.character, profile, true, attachment.entityId);
      this.open(socket, attachment, now, phaseFor());
      survivors.add(attachment.connectionId);
    }
    sessions.expireOpen(survivors, now);
    return this.connections.size;
  }

  /** The live connection with this id (ids are unique per socket; a room holds at most a few hundred: a scan). */
  connectionWithId(connectionId: string): Connection | undefined {
    for (const connection of this.connections.values()) if (connection.attachment.connectionId === connectionId) return connection;
    return undefined;
  }
}
