import { CloseCode, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import type { CharacterProfileStore } from "../storage/character-profiles.ts";
import type { ResumeTokenStore } from "../storage/resume-tokens.ts";
import type { RoomMetaStore } from "../storage/room-meta.ts";
import { SessionEndReason, type SessionHistoryStore } from "../storage/session-history.ts";
import type { ActionRateLimits } from "./action-rate-limits.ts";
import type { Checkpointer } from "./checkpointer.ts";
import type { Clock } from "./clock.ts";
import type { ConnectionAttachment } from "./connection-attachment.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub } from "./connection-hub.ts";
import type { JoinPlan, JoinPlanner } from "./join-planner.ts";
import { fromRoomRequest, type JoinRequest } from "./join-request.ts";
import { throttleJoin, tooManyJoinsResponse } from "./join-throttle.ts";
import type { SocketHandlers } from "./live-socket.ts";
import { LingeringBodies } from "./lingering-bodies.ts";
import { SNAPSHOT_RATE, STEP_MS, TICK_RATE } from "./room-config.ts";
import { RoomMetaKey } from "./room-settings.ts";
import type { RoomFeatures } from "./room-features.ts";
import type { RoomMembership } from "./room-membership.ts";
import type { Admitted, Seating } from "./seating.ts";
import type { PlayerEntity, RoomWorld } from "./room-world.ts";
import type { SnapshotPublisher } from "./snapshot-publisher.ts";
import { refusedSocket } from "./refused-socket.ts";
import { DomainEventType, type DomainEvent } from "../ops/domain-events.ts";
import { logEvent } from "../ops/log.ts";

/** What the session manager needs of the room around it. */
export interface SessionManagerDeps {
  hub: ConnectionHub;
  world: RoomWorld;
  features: RoomFeatures;
  publisher: SnapshotPublisher;
  meta: RoomMetaStore;
  profiles: CharacterProfileStore;
  resumeTokens: ResumeTokenStore;
  sessions: SessionHistoryStore;
  planner: JoinPlanner;
  membership: RoomMembership;
  /** Seats: capacity with matchmade reservations (seating.ts). */
  seating: Seating;
  checkpointer: Checkpointer;
  rateLimits: ActionRateLimits;
  clock: Clock;
  /** The socket event handlers (the Durable Object's). */
  handlers: SocketHandlers;
  /** A join or leave: write the checkpoint now. */
  checkpoint(): void;
  /** Someone is connected: the loop runs. */
  started(): void;
  /** Nobody is connected: the loop stops. */
  emptied(): void;
  /** Who is here changed (a join, a leave): the directory hears of it (public rooms). */
  changed(): void;
  /** Publishes a domain event (ops/domain-events.ts), in the background. */
  publish(event: DomainEvent): void;
  log(where: string, error: unknown): void;
}

/**
 * Who is in the room and on which connection: admission (join throttle 429, room full 4003, the join plan, resume),
 * one connection per player (a newer one replaces the older, 4005), the per-user room cap (rooms-per-user
 * membership, 4006), leaving (closed, dropped, kicked), and undoing a join that failed half-way (1011).
 */
export class SessionManager {
  private readonly lingering = new LingeringBodies();

  constructor(private readonly room: SessionManagerDeps) {}

  /** `fetch` of a join request: a 101 with the client's socket, or an HTTP error. */
  async join(request: Request): Promise<Response> {
    const join = fromRoomRequest(request);
    if (!join) return Response.json({ error: "bad_request", message: "not a room join request" }, { status: 400 });
    const retryAfter = throttleJoin(this.room.rateLimits, join.playerId, this.room.clock.now());
    if (retryAfter !== undefined) return tooManyJoinsResponse(retryAfter);
    const plan = await this.room.planner.plan(join);
    // A feature may keep this player out (a ban): told by close code and reason, before anything of the join is kept.
    const refusal = this.room.features.admit(plan.playerId);
    if (refusal) return refusedSocket(refusal.code, refusal.reason);
    // Decided and taken with no await in between (admitOrRollBack is synchronous): no two joins get the last seat.
    const admission = this.room.seating.admit(plan.playerId, join.seat, this.room.clock.now());
    // Accepted only to say why; never a room connection.
    if (admission.refusal !== undefined) return refusedSocket(CloseCode.roomFull, admission.refusal);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.room.hub.accept(server, this.room.handlers);
    this.admitOrRollBack(server, join, plan, admission);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The server ends a connection: close it with `code` and record why, without waiting for the client. */
  end(connection: Connection, code: number, reason: string, endReason: SessionEndReason): void {
    if (this.room.hub.connections.has(connection.socket)) this.ended(connection, code, reason);
    connection.close(code, reason);
    if (code === CloseCode.sessionReplaced) {
      // The player stays in the world: only this connection goes.
      this.room.hub.forget(connection);
      this.room.sessions.end(connection.attachment.connectionId, this.room.clock.now(), endReason);
      return;
    }
    this.disconnect(connection.socket, endReason, code);
  }

  /**
   * The client closed the socket with `code` (1006: it failed): counted by its code, then as `disconnect`. A socket
   * the server ended is no longer the hub's, so its close is counted once, with the server's code (`end`).
   */
  clientClosed(socket: WebSocket, code: number, reason: SessionEndReason): void {
    const connection = this.room.hub.connections.get(socket);
    if (connection) this.ended(connection, code);
    this.disconnect(socket, reason);
  }

  /**
   * The socket closed or failed (or the server ended it with `code`): the session ends, and if it was the player's
   * connection their body leaves the world — or lingers there a while when a feature asks (a fight within the last
   * 10 s), unless the room owner kicked or banned them (4004).
   */
  disconnect(socket: WebSocket, reason: SessionEndReason, code?: number): void {
    const { hub, world } = this.room;
    const connection = hub.connections.get(socket);
    if (!connection) return;
    const current = hub.forget(connection);
    this.room.sessions.end(connection.attachment.connectionId, this.room.clock.now(), reason);
    this.room.membership.left(connection.attachment.roomCode, connection.playerId, connection.attachment.connectionId);
    if (!current) return;
    const player = world.players.get(connection.playerId);
    if (player) {
      const lingerMs = code === CloseCode.kicked ? 0 : this.room.features.lingerMs(player);
      if (lingerMs > 0) this.linger(player, lingerMs);
      else this.removeFromWorld(player, reason);
    }
    this.stopIfEmpty();
    this.room.changed();
  }

  /**
   * Once a step: lingering bodies whose time is up leave the world, and so do those that were killed (a body lingers
   * to be fought; its death and respawn wait are kept for its player's return). An empty room then stops.
   */
  expireLingering(): void {
    const { world } = this.room;
    const due = this.lingering.takeDue(world.tick, (playerId) => {
      const player = world.players.get(playerId);
      return player === undefined || !world.sim.combat.isAlive(player.slot);
    });
    if (due.length === 0) return;
    for (const playerId of due) {
      const player = this.room.world.players.get(playerId);
      if (player && !this.room.hub.byPlayer.has(playerId)) this.removeFromWorld(player, SessionEndReason.closed);
    }
    this.stopIfEmpty();
    this.room.changed();
  }

  /** The user joined too many rooms and this one is the oldest: close their connection (if it is still this one). */
  evict(playerId: string, connectionId: string, reason: string): boolean {
    const connection = this.room.hub.connectionWithId(connectionId);
    if (!connection || connection.playerId !== playerId) return false;
    this.end(connection, CloseCode.tooManyRooms, reason, SessionEndReason.tooManyRooms);
    return true;
  }

  private admit(socket: WebSocket, join: JoinRequest, plan: JoinPlan): void {
    const { hub, world, meta } = this.room;
    const now = this.room.clock.now();
    const { playerId, resumed, character } = plan;
    // Only now, with the join decided, does the new token replace the player's old ones.
    this.room.resumeTokens.issue(plan.resumeToken, join.roomCode, playerId, now);
    if (meta.get(RoomMetaKey.createdAt) === undefined) meta.set(RoomMetaKey.createdAt, now);
    if (meta.get(RoomMetaKey.code) !== join.roomCode) meta.set(RoomMetaKey.code, join.roomCode);

    const previous = hub.byPlayer.get(playerId);
    if (previous) this.end(previous, CloseCode.sessionReplaced, "session replaced by a newer connection", SessionEndReason.replaced);
    let player = world.players.get(playerId);
    if (player && player.character.id !== character.id) {
      // Same player, another character: the old one leaves (keeping its place for later), the new one arrives.
      this.removeFromWorld(player, "switched character");
      player = undefined;
    }
    const joinedWorld = player === undefined;
    const saved = joinedWorld ? this.room.profiles.load(playerId, character.id) : undefined;
    player ??= world.join(playerId, character, saved, resumed);
    // Back in their own body (it lingered after they left mid-fight), or placed: present again either way.
    this.lingering.release(playerId);
    world.setAway(player, false);
    // Walled in while away: out to the nearest free spot before anyone (this client included) sees the body.
    world.unstick(player);
    world.setCharacter(player, character);
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
    const connection = hub.open(socket, attachment, now, this.room.publisher.leastBusyPhase(hub.connections.values()));
    this.room.sessions.start(attachment.connectionId, playerId, character.id, now);
    void this.room.membership.entered(join.roomCode, playerId, attachment.connectionId, now);

    connection.send({
      v: PROTOCOL_VERSION,
      kind: Kind.welcome,
      payload: {
        roomCode: join.roomCode,
        kind: world.kind.name,
        world: world.rules,
        ...(world.kind.interestRadius !== undefined ? { interestRadius: world.kind.interestRadius } : {}),
        playerId,
        entityId: player.entityId,
        resumeToken: plan.resumeToken.token,
        resumeTokenTtl: this.room.resumeTokens.ttlMs / 1000,
        resumed,
        lastInputSeq: player.inputs.lastAppliedSeq,
        tickRate: TICK_RATE,
        snapshotRate: SNAPSHOT_RATE,
        tick: world.tick,
        serverTime: now,
        protocol: PROTOCOL_VERSION,
      },
    });
    logEvent("info", "player.joined", { room: join.roomCode, player: playerId, character: character.id, resumed, connectionId: attachment.connectionId });
    this.room.publish({ type: DomainEventType.playerJoined, at: now, room: join.roomCode, player: playerId, data: { characterId: character.id, name: player.name, resumed } });
    if (plan.resumeNotice) connection.send({ v: PROTOCOL_VERSION, kind: Kind.error, payload: plan.resumeNotice });
    // The first snapshot (full) goes out on this connection's next snapshot tick, ≤ 100 ms from now, so the client
    // joins the shared delta stream at exactly the state every other client of its phase and view holds.
    this.room.features.join({ player, connection, joinedWorld, spawned: joinedWorld && saved === undefined });
    this.room.checkpoint();
    this.room.started();
    this.room.changed();
  }

  /**
   * A join that fails half-way (a storage write threw) is undone: the socket closes 1011, and the player is not
   * left in the world, in the connection maps or with an open session row, nor without the matchmade seat they came
   * by (it is used up only once the join is kept). Other players see at most a join and a leave.
   */
  private admitOrRollBack(socket: WebSocket, join: JoinRequest, plan: JoinPlan, admission: Admitted): void {
    try {
      this.admit(socket, join, plan);
      admission.keep();
    } catch (error) {
      const { hub, world } = this.room;
      this.room.log("admit", error);
      const attachment = socket.deserializeAttachment() as ConnectionAttachment | null;
      const connection = hub.connections.get(socket);
      if (connection) hub.forget(connection);
      if (attachment) this.bestEffort("admit rollback: end session", () => this.room.sessions.end(attachment.connectionId, this.room.clock.now(), SessionEndReason.error));
      const player = world.players.get(plan.playerId);
      if (player && !hub.byPlayer.has(plan.playerId)) this.removeFromWorld(player, "failed to join");
      this.stopIfEmpty();
      socket.close(CloseCode.internalError, "the room failed to admit this connection (storage error); try again");
    }
  }

  /**
   * A room connection ended with `code`: the operators' close counter, a log line and `player.left`. The log line
   * says why when the server ended it (4008 is both "not reading snapshots" and "rate limit exceeded repeatedly").
   */
  private ended(connection: Connection, code: number, reason?: string): void {
    this.room.hub.traffic.closed(code);
    const { roomCode: room, playerId: player, connectionId } = connection.attachment;
    // An undefined reason (the client closed) is left out of the line by JSON.stringify.
    logEvent("info", "player.left", { room, player, code, reason, connectionId });
    this.room.publish({ type: DomainEventType.playerLeft, at: this.room.clock.now(), room, player, data: { code } });
  }

  /** `player`'s body stays in the world without them for `ms` (presence shows `connected: false`). */
  private linger(player: PlayerEntity, ms: number): void {
    const { world } = this.room;
    this.lingering.hold(player.playerId, world.tick + Math.ceil(ms / STEP_MS));
    world.setAway(player, true);
    this.room.checkpoint();
  }

  private removeFromWorld(player: PlayerEntity, reason: string): void {
    const { world } = this.room;
    this.lingering.release(player.playerId);
    // A failed write must not keep a leaving player in the world: they would stay as a ghost nobody controls.
    this.bestEffort("checkpoint on leave", () => this.room.checkpointer.leaving(world, player));
    world.leave(player.playerId);
    // Their action budgets stay (a rejoin is no refill); buckets that refilled are dropped, which bounds the map.
    this.room.rateLimits.pruneRefilled(this.room.clock.now());
    this.room.features.leave(player, reason);
  }

  /** Nobody connected and no body lingering: the loop stops (no timers: the room can hibernate). */
  private stopIfEmpty(): void {
    if (this.room.hub.connections.size === 0 && this.lingering.size === 0) this.room.emptied();
  }

  private bestEffort(where: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.room.log(where, error);
    }
  }
}
