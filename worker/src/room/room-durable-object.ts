import { DurableObject } from "cloudflare:workers";
import {
  Action,
  CloseCode,
  ErrorCode,
  EventAction,
  Feature,
  HARD_MAX_FRAME_BYTES,
  Kind,
  PROTOCOL_VERSION,
  parseClientFrame,
  SnapshotMode,
  type ClientMessage,
  type ErrorPayload,
  type ServerMessage,
} from "@edgehold/protocol";
import { WasmMovementSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { dispatchCommand } from "../features/registry.ts";
import { ResumeTokenRotation } from "../features/session/resume-token-rotation.ts";
import { SESSION_EXPIRED_REASON, SessionExpiryWatch, sessionRefreshGraceMs } from "../features/session/session-expiry.ts";
import { handleSessionRefresh } from "../features/session/session-refresh-command.ts";
import { CharacterProfileStore } from "../storage/character-profiles.ts";
import { migrate } from "../storage/migrations.ts";
import { backfillDefaultProfiles } from "../storage/profile-backfill.ts";
import { RoomMetaStore } from "../storage/room-meta.ts";
import { ROOM_MIGRATIONS } from "../storage/room-schema.ts";
import { ResumeTokenStore, resumeTokenTtlMs } from "../storage/resume-tokens.ts";
import { SessionEndReason, SessionHistoryStore } from "../storage/session-history.ts";
import { RowsWrittenCounter } from "../storage/rows-written.ts";
import { RoomCheckpointStore } from "../storage/room-checkpoint.ts";
import { StorageRetention } from "../storage/retention.ts";
import { Checkpointer } from "./checkpointer.ts";
import { Connection, type ConnectionAttachment } from "./connection.ts";
import { FixedStepLoop } from "./fixed-step-loop.ts";
import { IDLE_CHECK_EVERY_STEPS, idleCloseReason, idleConnections, idleTimeoutMs } from "./idle-timeout.ts";
import { JoinPlanner, type JoinPlan } from "./join-planner.ts";
import { fromRoomRequest, type JoinRequest } from "./join-request.ts";
import { JoinThrottle, tooManyJoinsResponse } from "./join-throttle.ts";
import { acceptLiveSocket } from "./live-socket.ts";
import {
  CHECKPOINT_EVERY_STEPS,
  MAX_CATCH_UP_STEPS,
  MAX_PLAYERS,
  SNAPSHOT_RATE,
  STEP_MS,
  STEPS_PER_SNAPSHOT,
  TICK_RATE,
} from "./room-config.ts";
import type { RoomInfo } from "./room-info.ts";
import { RoomMembership } from "./room-membership.ts";
import { RoomWorld, type PlayerEntity } from "./room-world.ts";
import { SnapshotStream, snapshotMessage } from "./snapshot-builder.ts";
import { TickStats } from "./tick-stats.ts";

/**
 * One room code = one instance. IO glue only: it accepts sockets, turns frames into validated messages, feeds
 * the world one step at a time, streams snapshots and writes checkpoints. Game rules live in RoomWorld, the
 * feature modules and sim-core.
 */
export class RoomDurableObject extends DurableObject<Env> {
  private readonly connections = new Map<WebSocket, Connection>();
  private readonly connectionByPlayer = new Map<string, Connection>();
  private readonly meta: RoomMetaStore;
  private readonly profiles: CharacterProfileStore;
  private readonly resumeTokens: ResumeTokenStore;
  private readonly sessions: SessionHistoryStore;
  private readonly joinPlanner: JoinPlanner;
  private readonly world: RoomWorld;
  private readonly loop: FixedStepLoop;
  private readonly tickStats = new TickStats();
  private readonly sessionExpiry: SessionExpiryWatch;
  private readonly resumeRotation: ResumeTokenRotation;
  private readonly rowsWritten: RowsWrittenCounter;
  private readonly checkpointer: Checkpointer;
  private readonly retention: StorageRetention;
  private readonly joinThrottle = new JoinThrottle();
  private readonly membership: RoomMembership;
  private readonly idleTimeoutMs: number;
  /**
   * One snapshot stream per phase of the 3-tick snapshot period: each connection is put in the least-full phase
   * and gets its snapshots on that phase's ticks. Every connection still gets 10 Hz, but a tick encodes and sends
   * a third of the room's snapshots instead of all of them every third tick, which flattens the tick work p99.
   */
  private readonly snapshotPhases = Array.from({ length: STEPS_PER_SNAPSHOT }, () => new SnapshotStream());
  private lastCheckpointTick: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage, ROOM_MIGRATIONS);
    backfillDefaultProfiles(ctx.storage, Date.now());
    const sql = (this.rowsWritten = new RowsWrittenCounter(ctx.storage.sql));
    this.meta = new RoomMetaStore(sql);
    this.profiles = new CharacterProfileStore(sql);
    this.resumeTokens = new ResumeTokenStore(sql, resumeTokenTtlMs(env));
    this.resumeRotation = new ResumeTokenRotation(this.resumeTokens);
    this.sessionExpiry = new SessionExpiryWatch(sessionRefreshGraceMs(env));
    this.sessions = new SessionHistoryStore(sql);
    this.checkpointer = new Checkpointer(ctx.storage, this.profiles, new RoomCheckpointStore(sql));
    this.retention = new StorageRetention(sql);
    this.joinPlanner = new JoinPlanner(env, this.resumeTokens, this.profiles, (where, error) => this.logError(where, error));
    this.membership = new RoomMembership(env, (where, error) => this.logError(where, error));
    this.idleTimeoutMs = idleTimeoutMs(env);
    this.world = new RoomWorld(WasmMovementSim.fromModule(simModule), this.checkpointer.hydrate(this.meta.getNumber("tick", 0)));
    this.lastCheckpointTick = this.world.tick;
    this.loop = new FixedStepLoop(
      STEP_MS,
      MAX_CATCH_UP_STEPS,
      () => this.step(),
      (steps) => this.world.creditDroppedSteps(steps),
    );
    this.restoreHibernatedSockets();
    this.pruneStorage();
  }

  // -- entry points --------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    try {
      const join = fromRoomRequest(request);
      if (!join) return Response.json({ error: "bad_request", message: "not a room join request" }, { status: 400 });
      const retryAfter = this.joinThrottle.attempt(join.playerId, Date.now());
      if (retryAfter !== undefined) return tooManyJoinsResponse(retryAfter);
      const plan = await this.joinPlanner.plan(join);
      const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
      if (!this.world.players.has(plan.playerId) && this.world.players.size >= MAX_PLAYERS) {
        // Accepted only to say why; never a room connection.
        server.accept();
        server.close(CloseCode.roomFull, `room is full (${MAX_PLAYERS} players)`);
      } else {
        acceptLiveSocket(server, this);
        this.admitOrRollBack(server, join, plan);
      }
      return new Response(null, { status: 101, webSocket: client });
    } catch (error) {
      this.logError("fetch", error);
      return Response.json({ error: "internal_error", message: "the room failed to accept the connection" }, { status: 500 });
    }
  }

  override webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): void {
    try {
      this.handleFrame(socket, data);
    } catch (error) {
      this.logError("webSocketMessage", error);
      this.connections.get(socket)?.send(errorMessage(ErrorCode.internal, "the server failed to handle this frame"));
    }
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void {
    try {
      this.disconnect(socket, wasClean && code !== 1006 ? SessionEndReason.closed : SessionEndReason.dropped);
    } catch (error) {
      this.logError("webSocketClose", error);
    } finally {
      // Finish the close handshake; 1005/1006 are reserved and cannot be sent back.
      try {
        socket.close(code === 1005 || code === 1006 ? CloseCode.normal : code, reason);
      } catch {
        // Already closed.
      }
    }
  }

  override webSocketError(socket: WebSocket, error: unknown): void {
    try {
      this.disconnect(socket, SessionEndReason.error);
    } catch (inner) {
      this.logError("webSocketError", inner);
    }
    this.logError("webSocketError(socket)", error);
  }

  /** Room facts for `GET /api/rooms/:code`. */
  async info(roomCode: string): Promise<RoomInfo> {
    const createdAt = this.meta.get("created_at");
    const startOfToday = new Date().setUTCHours(0, 0, 0, 0);
    return {
      code: roomCode,
      playersOnline: this.connectionByPlayer.size,
      tick: this.world.tick,
      tickRate: TICK_RATE,
      snapshotRate: SNAPSHOT_RATE,
      createdAt: createdAt ? new Date(Number(createdAt)).toISOString() : null,
      running: this.loop.running,
      droppedSteps: this.loop.droppedSteps,
      sessionsToday: this.sessions.countSince(startOfToday),
      tickWorkMs: this.tickStats.summary(),
      rowsWritten: this.rowsWritten.summary(),
    };
  }

  /** The user joined too many rooms and this one is the oldest: close their connection (if it is still this one). */
  async evictPlayer(playerId: string, connectionId: string, reason: string): Promise<boolean> {
    const connection = this.connectionByPlayer.get(playerId);
    if (!connection || connection.attachment.connectionId !== connectionId) return false;
    this.endConnection(connection, CloseCode.tooManyRooms, reason, SessionEndReason.tooManyRooms);
    return true;
  }

  // -- joining -------------------------------------------------------------------------------------------------

  private admit(socket: WebSocket, join: JoinRequest, plan: JoinPlan): void {
    const now = Date.now();
    const { playerId, resumed, character } = plan;
    // Only now, with the join decided, does the new token replace the player's old ones.
    this.resumeTokens.issue(plan.resumeToken, join.roomCode, playerId, now);
    if (this.meta.get("created_at") === undefined) this.meta.set("created_at", now);
    this.meta.set("room_code", join.roomCode);

    const previous = this.connectionByPlayer.get(playerId);
    if (previous) this.endConnection(previous, CloseCode.sessionReplaced, "session replaced by a newer connection", SessionEndReason.replaced);
    let player = this.world.players.get(playerId);
    if (player && player.character.id !== character.id) {
      // Same player, another character: the old one leaves (keeping its place for later), the new one arrives.
      this.removeFromWorld(player, "switched character");
      player = undefined;
    }
    const joined = player === undefined;
    player ??= this.world.join(playerId, character, this.profiles.load(playerId, character.id), resumed);
    player.character = character;
    // A fresh client (no resume) numbers its inputs from 1 again.
    if (!resumed) player.inputs.reset(0);

    const attachment: ConnectionAttachment = {
      connectionId: crypto.randomUUID(),
      roomCode: join.roomCode,
      playerId,
      entityId: Number(player.entityId),
      characterId: character.id,
      codec: join.codec,
      connectedAt: now,
      ...(join.session ? { session: join.session } : {}),
    };
    socket.serializeAttachment(attachment);
    const connection = new Connection(socket, attachment, now, this.leastBusySnapshotPhase());
    this.connections.set(socket, connection);
    this.connectionByPlayer.set(playerId, connection);
    this.sessions.start(attachment.connectionId, playerId, character.id, now);
    void this.membership.entered(join.roomCode, playerId, attachment.connectionId, now);

    connection.send({
      v: PROTOCOL_VERSION,
      kind: Kind.welcome,
      payload: {
        roomCode: join.roomCode,
        playerId,
        entityId: player.entityId,
        resumeToken: plan.resumeToken.token,
        resumeTokenTtl: this.resumeTokens.ttlMs / 1000,
        resumed,
        lastInputSeq: player.inputs.lastAppliedSeq,
        tickRate: TICK_RATE,
        snapshotRate: SNAPSHOT_RATE,
        tick: this.world.tick,
        serverTime: now,
        protocol: PROTOCOL_VERSION,
      },
    });
    this.resumeRotation.handedOut(connection, now);
    if (plan.resumeNotice) connection.send({ v: PROTOCOL_VERSION, kind: Kind.error, payload: plan.resumeNotice });
    // The first snapshot (full) goes out on this connection's next snapshot tick, ≤ 100 ms from now, so the client
    // joins the shared delta stream at exactly the state every other client in its phase holds.
    if (joined) {
      this.broadcast(
        {
          v: PROTOCOL_VERSION,
          kind: Kind.event,
          feature: Feature.presence,
          action: EventAction.join,
          payload: { entityId: player.entityId, playerId, name: character.name },
        },
        connection,
      );
    }
    this.writeCheckpoint();
    this.loop.start();
  }

  /**
   * A join that fails half-way (a storage write threw) is undone: the socket closes 1011, and the player is not
   * left in the world, in the connection maps or with an open session row. Other players see at most a join and
   * a leave.
   */
  private admitOrRollBack(socket: WebSocket, join: JoinRequest, plan: JoinPlan): void {
    try {
      this.admit(socket, join, plan);
    } catch (error) {
      this.logError("admit", error);
      const attachment = socket.deserializeAttachment() as ConnectionAttachment | null;
      const connection = this.connections.get(socket);
      this.connections.delete(socket);
      if (connection && this.connectionByPlayer.get(plan.playerId) === connection) this.connectionByPlayer.delete(plan.playerId);
      if (attachment) this.bestEffort("admit rollback: end session", () => this.sessions.end(attachment.connectionId, Date.now(), SessionEndReason.error));
      const player = this.world.players.get(plan.playerId);
      if (player && !this.connectionByPlayer.has(plan.playerId)) this.removeFromWorld(player, "failed to join");
      if (this.connections.size === 0) this.loop.stop();
      socket.close(CloseCode.internalError, "the room failed to admit this connection (storage error); try again");
    }
  }

  // -- frames --------------------------------------------------------------------------------------------------

  private handleFrame(socket: WebSocket, data: string | ArrayBuffer): void {
    const connection = this.connections.get(socket);
    if (!connection) {
      socket.close(CloseCode.protocolViolation, "unknown connection");
      return;
    }
    const now = Date.now();
    const size = typeof data === "string" ? data.length : data.byteLength;
    if (size > HARD_MAX_FRAME_BYTES) {
      this.endConnection(connection, CloseCode.messageTooBig, `frames over ${HARD_MAX_FRAME_BYTES} bytes are not accepted`, SessionEndReason.kicked);
      return;
    }
    if (!connection.withinBudget(size, now)) {
      connection.send(errorMessage(ErrorCode.rateLimited, "too many frames or bytes; this one was dropped"));
      if (connection.droppedFrames.strike(now)) {
        this.endConnection(connection, CloseCode.rateLimited, "rate limit exceeded repeatedly", SessionEndReason.kicked);
      }
      return;
    }
    const parsed = parseClientFrame(data);
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
    this.handleMessage(connection, message, now);
  }

  private handleMessage(connection: Connection, message: ClientMessage, now: number): void {
    if (message.kind === Kind.ping) {
      connection.send({ v: PROTOCOL_VERSION, kind: Kind.pong, seq: message.seq, payload: { clientTime: message.clientTime, serverTime: now } });
      return;
    }
    if (message.kind === Kind.command && message.feature === Feature.session && message.action === Action.refresh) {
      handleSessionRefresh(this.env, connection, message).then((reply) => connection.send(reply), (error) => this.logError("session.refresh", error));
      return;
    }
    const player = this.world.players.get(connection.playerId);
    if (!player) return;
    const outcome = dispatchCommand(
      { world: this.world, player, requestFullSnapshot: () => (connection.needsFullSnapshot = true) },
      message,
    );
    if (!outcome.ok) {
      this.reject(connection, errorMessage(outcome.code, outcome.message, message.seq), now);
      return;
    }
    connection.send({ v: PROTOCOL_VERSION, kind: Kind.ack, seq: message.seq, payload: { seq: message.seq } });
    if (outcome.notice) connection.send(errorMessage(outcome.notice.code, outcome.notice.message, message.seq));
  }

  /** Answers a bad frame; a connection that keeps sending them is closed (4002). */
  private reject(connection: Connection, error: ServerMessage, now: number): void {
    connection.send(error);
    if (connection.badFrames.strike(now)) {
      this.endConnection(connection, CloseCode.protocolViolation, "too many invalid frames", SessionEndReason.kicked);
    }
  }

  // -- the loop ------------------------------------------------------------------------------------------------

  private step(): void {
    const started = performance.now();
    try {
      this.world.step();
      this.broadcastSnapshots();
      if (this.world.tick - this.lastCheckpointTick >= CHECKPOINT_EVERY_STEPS) this.writeCheckpoint();
      this.keepSessions(Date.now());
      if (this.world.tick % IDLE_CHECK_EVERY_STEPS === 0) this.closeIdleConnections();
    } catch (error) {
      // One bad step must not stop the room; the next one runs as usual.
      this.logError("step", error);
    }
    this.tickStats.record(performance.now() - started);
  }

  /** Once a second: close sockets whose session ran out (4001), hand fresh resume tokens to long sessions. */
  private keepSessions(now: number): void {
    for (const connection of this.sessionExpiry.overdue(this.connections.values(), now)) {
      this.endConnection(connection, CloseCode.unauthorized, SESSION_EXPIRED_REASON, SessionEndReason.kicked);
    }
    this.resumeRotation.run(this.connections.values(), now, (error) => this.logError("resume token rotation", error));
  }

  private closeIdleConnections(): void {
    for (const connection of idleConnections(this.connections.values(), Date.now(), this.idleTimeoutMs)) {
      this.endConnection(connection, CloseCode.idleTimeout, idleCloseReason(this.idleTimeoutMs), SessionEndReason.idle);
    }
  }

  private broadcastSnapshots(): void {
    const phase = this.world.tick % STEPS_PER_SNAPSHOT;
    const due = [...this.connections.values()].filter((c) => c.snapshotPhase === phase);
    if (due.length === 0) return;
    const sets = this.snapshotPhases[phase]!.next(this.world);
    const now = Date.now();
    for (const connection of due) {
      const full = connection.needsFullSnapshot;
      connection.needsFullSnapshot = false;
      const inputs = this.world.players.get(connection.playerId)?.inputs;
      const mode = full ? SnapshotMode.full : SnapshotMode.delta;
      connection.send(snapshotMessage(mode, full ? sets.full() : sets.delta, this.world.tick, now, inputs?.lastAppliedSeq ?? 0, inputs?.size ?? 0));
    }
  }

  private leastBusySnapshotPhase(): number {
    const counts = new Array<number>(STEPS_PER_SNAPSHOT).fill(0);
    for (const connection of this.connections.values()) counts[connection.snapshotPhase]!++;
    return counts.indexOf(Math.min(...counts));
  }

  // -- leaving -------------------------------------------------------------------------------------------------

  /** The server ends a connection: close it with `code` and record why, without waiting for the client. */
  private endConnection(connection: Connection, code: number, reason: string, sessionReason: SessionEndReason): void {
    connection.close(code, reason);
    if (code === CloseCode.sessionReplaced) {
      // The player stays in the world: only this connection goes.
      this.connections.delete(connection.socket);
      this.connectionByPlayer.delete(connection.playerId);
      this.sessions.end(connection.attachment.connectionId, Date.now(), sessionReason);
      return;
    }
    this.disconnect(connection.socket, sessionReason);
  }

  private disconnect(socket: WebSocket, reason: SessionEndReason): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    this.sessions.end(connection.attachment.connectionId, Date.now(), reason);
    this.membership.left(connection.attachment.roomCode, connection.playerId, connection.attachment.connectionId);
    if (this.connectionByPlayer.get(connection.playerId) !== connection) return;
    this.connectionByPlayer.delete(connection.playerId);
    const player = this.world.players.get(connection.playerId);
    if (player) this.removeFromWorld(player, reason);
    if (this.connections.size === 0) this.loop.stop();
  }

  private removeFromWorld(player: PlayerEntity, reason: string): void {
    // A failed write must not keep a leaving player in the world: they would stay as a ghost nobody controls.
    this.bestEffort("checkpoint on leave", () => this.checkpointer.leaving(this.world, player));
    this.world.leave(player.playerId);
    this.broadcast({
      v: PROTOCOL_VERSION,
      kind: Kind.event,
      feature: Feature.presence,
      action: EventAction.leave,
      payload: { entityId: player.entityId, playerId: player.playerId, reason },
    });
  }

  // -- storage -------------------------------------------------------------------------------------------------

  /** Positions of present characters and the tick, only if something changed (see Checkpointer). */
  private writeCheckpoint(): void {
    this.checkpointer.write(this.world);
    this.lastCheckpointTick = this.world.tick;
    this.pruneStorage();
  }

  /** Old session history, expired resume tokens and forgotten guests go, on start and at most hourly after. */
  private pruneStorage(): void {
    this.bestEffort("prune storage", () => this.retention.maybePrune(Date.now(), this.world.players.keys()));
  }

  private bestEffort(where: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logError(where, error);
    }
  }

  /**
   * After hibernation the sockets are still here but memory is not: rebuild connections from attachments. Room
   * sockets are now accepted without hibernation (see live-socket.ts), so this only finds sockets accepted by an
   * older deployment.
   */
  private restoreHibernatedSockets(): void {
    const now = Date.now();
    const survivors = new Set<string>();
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as ConnectionAttachment | null;
      const profile = attachment && this.profiles.load(attachment.playerId, attachment.characterId);
      if (!attachment || !profile) {
        socket.close(CloseCode.goingAway, "room restarted");
        continue;
      }
      this.world.join(attachment.playerId, profile.character, profile, true, attachment.entityId);
      const connection = new Connection(socket, attachment, now, this.leastBusySnapshotPhase());
      this.connections.set(socket, connection);
      this.connectionByPlayer.set(attachment.playerId, connection);
      survivors.add(attachment.connectionId);
    }
    this.sessions.expireOpen(survivors, now);
    if (this.connections.size > 0) this.loop.start();
  }

  private broadcast(message: ServerMessage, except?: Connection): void {
    for (const connection of this.connections.values()) if (connection !== except) connection.send(message);
  }

  private logError(where: string, error: unknown): void {
    const room = this.meta?.get("room_code") ?? this.ctx.id.toString();
    console.error(`[RoomDurableObject ${room}] ${where}:`, error);
  }
}

function errorMessage(code: ErrorCode, message: string, seq?: number): ServerMessage {
  const payload: ErrorPayload = seq === undefined ? { code, message } : { code, message, seq };
  return seq === undefined ? { v: PROTOCOL_VERSION, kind: Kind.error, payload } : { v: PROTOCOL_VERSION, kind: Kind.error, seq, payload };
}
