import { DurableObject } from "cloudflare:workers";
import { CloseCode, ErrorCode } from "@edgehold/protocol";
import { WasmMovementSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { SERVER_FEATURES } from "../features/registry.ts";
import type { AnyServerFeature } from "../features/server-feature.ts";
import { CharacterProfileStore } from "../storage/character-profiles.ts";
import { migrate } from "../storage/migrations.ts";
import { backfillDefaultProfiles } from "../storage/profile-backfill.ts";
import { RoomCheckpointStore } from "../storage/room-checkpoint.ts";
import { RoomMetaStore } from "../storage/room-meta.ts";
import { RoomOwner } from "../storage/room-owner.ts";
import { roomMigrations } from "../storage/room-schema.ts";
import { ResumeTokenStore, resumeTokenTtlMs } from "../storage/resume-tokens.ts";
import { StorageRetention } from "../storage/retention.ts";
import { RowsWrittenCounter } from "../storage/rows-written.ts";
import { SessionEndReason, SessionHistoryStore } from "../storage/session-history.ts";
import { ActionRateLimits } from "./action-rate-limits.ts";
import { Checkpointer } from "./checkpointer.ts";
import { runCommand } from "./command-replies.ts";
import { ConnectionHub, type EndConnection } from "./connection-hub.ts";
import { errorMessage } from "./error-message.ts";
import { FixedStepLoop } from "./fixed-step-loop.ts";
import { IDLE_CHECK_EVERY_STEPS, idleTimeoutMs } from "./idle-timeout.ts";
import { JoinPlanner } from "./join-planner.ts";
import { CHECKPOINT_EVERY_STEPS, MAX_CATCH_UP_STEPS, SNAPSHOT_RATE, STEP_MS, TICK_RATE } from "./room-config.ts";
import { createRoomContext } from "./room-context.ts";
import { RoomFeatures } from "./room-features.ts";
import type { RoomInfo } from "./room-info.ts";
import { RoomMembership } from "./room-membership.ts";
import { RoomWorld, type PlayerEntity } from "./room-world.ts";
import { refusedSocket } from "./refused-socket.ts";
import { SessionManager } from "./session-manager.ts";
import { snapshotFlowLimits, type SnapshotFlowLimits } from "./snapshot-flow.ts";
import { SnapshotPublisher } from "./snapshot-publisher.ts";
import { TickStats } from "./tick-stats.ts";

/**
 * One room code = one instance. Glue only: it wires the connection hub (sockets, frames, limits), the session
 * manager (who is here), the room's features (registry.ts), the snapshot publisher and the checkpointer to the
 * fixed-step loop and to the runtime's entry points. Game rules live in RoomWorld, the features and sim-core.
 */
export class RoomDurableObject extends DurableObject<Env> {
  private readonly meta: RoomMetaStore;
  private readonly sessionHistory: SessionHistoryStore;
  private readonly world: RoomWorld;
  private readonly hub: ConnectionHub;
  private readonly features: RoomFeatures;
  private readonly sessions: SessionManager;
  private readonly publisher: SnapshotPublisher;
  private readonly loop: FixedStepLoop;
  private readonly tickStats = new TickStats();
  private readonly rowsWritten: RowsWrittenCounter;
  private readonly checkpointer: Checkpointer;
  private readonly retention: StorageRetention;
  private readonly idleTimeoutMs: number;
  private readonly snapshotFlow: SnapshotFlowLimits;
  private lastCheckpointTick: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const list = this.serverFeatures();
    migrate(ctx.storage, roomMigrations(RoomFeatures.migrations(list)));
    backfillDefaultProfiles(ctx.storage, Date.now());
    const sql = (this.rowsWritten = new RowsWrittenCounter(ctx.storage.sql));
    const log = (where: string, error: unknown) => this.logError(where, error);
    this.meta = new RoomMetaStore(sql);
    const profiles = new CharacterProfileStore(sql);
    const resumeTokens = new ResumeTokenStore(sql, resumeTokenTtlMs(env));
    this.sessionHistory = new SessionHistoryStore(sql);
    this.checkpointer = new Checkpointer(ctx.storage, profiles, new RoomCheckpointStore(sql));
    this.retention = new StorageRetention(sql);
    this.idleTimeoutMs = idleTimeoutMs(env);
    const world = (this.world = new RoomWorld(WasmMovementSim.fromModule(simModule), this.checkpointer.hydrate(this.meta.getNumber("tick", 0))));
    this.lastCheckpointTick = world.tick;
    const end = this.sessionEnd();
    const protocol = RoomFeatures.protocol(list);
    const hub = (this.hub = new ConnectionHub(protocol, end, (connection, command, now) =>
      runCommand({ hub, world, features: this.features, log }, connection, command, now),
    ));
    const rateLimits = new ActionRateLimits();
    const owner = new RoomOwner(this.meta);
    const flooded = (player: PlayerEntity, now: number) => this.features.flooded(player, now);
    this.features = new RoomFeatures(list, createRoomContext({ world, sql, env, hub, owner, rateLimits, end, flooded, log }), { sql, env, world });
    world.onInput = (player, input, catchUp) => this.features.input(player, input, catchUp);
    world.onLeaving = (player) => this.features.leaving(player);
    this.snapshotFlow = snapshotFlowLimits(env);
    this.publisher = new SnapshotPublisher(this.features.channels, protocol, this.snapshotFlow);
    this.loop = new FixedStepLoop(STEP_MS, MAX_CATCH_UP_STEPS, () => this.step(), (steps) => world.creditDroppedSteps(steps));
    this.sessions = new SessionManager({
      hub,
      world,
      features: this.features,
      publisher: this.publisher,
      meta: this.meta,
      profiles,
      resumeTokens,
      sessions: this.sessionHistory,
      planner: new JoinPlanner(env, resumeTokens, profiles, log),
      membership: new RoomMembership(env, log),
      checkpointer: this.checkpointer,
      owner,
      rateLimits,
      handlers: this,
      checkpoint: () => this.writeCheckpoint(),
      started: () => this.loop.start(),
      emptied: () => this.loop.stop(),
      log,
    });
    const restored = hub.restore(ctx.getWebSockets(), world, profiles, this.sessionHistory, () => this.publisher.leastBusyPhase(hub.connections.values()));
    if (restored > 0) this.loop.start();
    this.pruneStorage();
  }

  /** The features this room runs: the registry's. A test room adds its own (see worker/test/feature-seam). */
  protected serverFeatures(): readonly AnyServerFeature[] {
    return SERVER_FEATURES;
  }

  // -- entry points --------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    try {
      return await this.sessions.join(request);
    } catch (error) {
      // A failure before the socket exists (reading the joining player's profile, say): the client still gets a
      // close code and a reason rather than an opaque failed upgrade.
      this.logError("fetch", error);
      return refusedSocket(CloseCode.internalError, "the room failed to admit this connection; try again");
    }
  }

  override webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): void {
    try {
      this.hub.frame(socket, data);
    } catch (error) {
      this.logError("webSocketMessage", error);
      this.hub.connections.get(socket)?.send(errorMessage(ErrorCode.internal, "the server failed to handle this frame"));
    }
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void {
    try {
      this.sessions.disconnect(socket, wasClean && code !== 1006 ? SessionEndReason.closed : SessionEndReason.dropped);
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
      this.sessions.disconnect(socket, SessionEndReason.error);
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
      playersOnline: this.hub.byPlayer.size,
      tick: this.world.tick,
      tickRate: TICK_RATE,
      snapshotRate: SNAPSHOT_RATE,
      createdAt: createdAt ? new Date(Number(createdAt)).toISOString() : null,
      running: this.loop.running,
      droppedSteps: this.loop.droppedSteps,
      sessionsToday: this.sessionHistory.countSince(startOfToday),
      tickWorkMs: this.tickStats.summary(),
      rowsWritten: this.rowsWritten.summary(),
    };
  }

  /** Whether `connectionId` is connected here now (the account asks before it evicts for the rooms-per-user cap). */
  async hasConnection(connectionId: string): Promise<boolean> {
    return this.hub.connectionWithId(connectionId) !== undefined;
  }

  /** The user joined too many rooms and this one is the oldest: close their connection (if it is still this one). */
  async evictPlayer(playerId: string, connectionId: string, reason: string): Promise<boolean> {
    return this.sessions.evict(playerId, connectionId, reason);
  }

  // -- the loop ------------------------------------------------------------------------------------------------

  private step(): void {
    const started = performance.now();
    try {
      this.features.beforeStep();
      this.world.step();
      this.features.tick();
      this.publisher.publish(this.world, this.hub.connections.values(), Date.now());
      if (this.world.tick - this.lastCheckpointTick >= CHECKPOINT_EVERY_STEPS) this.writeCheckpoint();
      if (this.world.tick % IDLE_CHECK_EVERY_STEPS === 0) {
        this.hub.closeIdle(Date.now(), this.idleTimeoutMs);
        this.hub.closeNotReading(Date.now(), this.snapshotFlow);
      }
    } catch (error) {
      // One bad step must not stop the room; the next one runs as usual.
      this.logError("step", error);
    }
    this.tickStats.record(performance.now() - started);
  }

  /** The session manager's `end`, for the pieces built before it (the hub, the features' context). */
  private sessionEnd(): EndConnection {
    return (connection, code, reason, endReason) => this.sessions.end(connection, code, reason, endReason);
  }

  // -- storage -------------------------------------------------------------------------------------------------

  /** Positions of present characters and the tick, only if something changed (see Checkpointer); then features'. */
  private writeCheckpoint(): void {
    this.checkpointer.write(this.world);
    this.features.checkpoint();
    this.lastCheckpointTick = this.world.tick;
    this.pruneStorage();
  }

  /** Old session history, expired resume tokens and forgotten guests go, on start and at most hourly after. */
  private pruneStorage(): void {
    try {
      this.retention.maybePrune(Date.now(), this.world.players.keys());
    } catch (error) {
      this.logError("prune storage", error);
    }
  }

  private logError(where: string, error: unknown): void {
    const room = this.meta?.get("room_code") ?? this.ctx.id.toString();
    console.error(`[RoomDurableObject ${room}] ${where}:`, error);
  }
}
