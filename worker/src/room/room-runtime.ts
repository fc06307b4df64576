import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
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
import { SessionHistoryStore } from "../storage/session-history.ts";
import { ActionRateLimits } from "./action-rate-limits.ts";
import { Checkpointer } from "./checkpointer.ts";
import type { Clock } from "./clock.ts";
import { runCommand } from "./command-replies.ts";
import { ConnectionHub, type EndConnection } from "./connection-hub.ts";
import { FixedStepLoop } from "./fixed-step-loop.ts";
import { IDLE_CHECK_EVERY_STEPS, idleTimeoutMs } from "./idle-timeout.ts";
import { RoomInterest } from "./interest/room-interest.ts";
import { JoinPlanner } from "./join-planner.ts";
import type { RoomKind } from "./kinds/room-kind.ts";
import { CHECKPOINT_EVERY_STEPS, MAX_CATCH_UP_STEPS, SNAPSHOT_RATE, STEP_MS, TICK_RATE } from "./room-config.ts";
import { createRoomContext } from "./create-room-context.ts";
import { RoomFeatures } from "./room-features.ts";
import type { RoomDiagnostics, RoomInfo } from "./room-info.ts";
import { RoomMembership } from "./room-membership.ts";
import { scenerySeed } from "./room-seed.ts";
import type { RoomSettings } from "./room-settings.ts";
import { RoomWorld, type PlayerEntity } from "./room-world.ts";
import type { SocketHandlers } from "./live-socket.ts";
import { SessionManager } from "./session-manager.ts";
import { DirectoryReporter } from "./directory-reporter.ts";
import { RoomMetaKey } from "./room-settings.ts";
import { Seating } from "./seating.ts";
import { isRegion } from "../directory/regions.ts";
import type { SeatAnswer, SeatRequest } from "../directory/seat-request.ts";
import { snapshotFlowLimits, type SnapshotFlowLimits } from "./snapshot-flow.ts";
import { SnapshotPublisher } from "./snapshot-publisher.ts";
import { TickStats } from "./tick-stats.ts";
import { OperatorActions } from "./operator-actions.ts";
import { publishFromRoom, type DomainEvent } from "../ops/domain-events.ts";
import { SlowTicks } from "./slow-ticks.ts";
import { roomFigures } from "./room-figures-report.ts";
import type { RoomFigures } from "../ops/room-figures.ts";

/** What a room is opened with: its storage and bindings, its settings (kind, owner), and the socket handlers. */
export interface RoomRuntimeSetup {
  readonly ctx: DurableObjectState;
  readonly env: Env;
  readonly settings: RoomSettings;
  /** The features the Durable Object runs (before the kind turns any off). */
  readonly features: readonly AnyServerFeature[];
  /** Every reading of the time in the room and the loop's timer (clock.ts). */
  readonly clock: Clock;
  readonly handlers: SocketHandlers;
  log(where: string, error: unknown): void;
}

/**
 * A room that exists, running: its pieces — the world, the connection hub (sockets, frames, limits), the session
 * manager (who is here), the room's features, the snapshot publisher and the checkpointer — wired to the fixed-step
 * loop. Built when the room is first created or joined, or when an existing room's object starts (RoomDurableObject
 * opens it); a code that was never created or joined never builds one, so nothing is stored for it.
 */
export class RoomRuntime {
  readonly hub: ConnectionHub;
  readonly sessions: SessionManager;
  readonly kind: RoomKind;
  /** What an operator does to the room (the admin API). */
  readonly operator: OperatorActions;
  /** When this run of the object started: the figures' counters count from here. */
  private readonly startedAt: number;
  private readonly meta: RoomMetaStore;
  private readonly owner: RoomOwner;
  private readonly sessionHistory: SessionHistoryStore;
  private readonly world: RoomWorld;
  private readonly features: RoomFeatures;
  private readonly publisher: SnapshotPublisher;
  private readonly loop: FixedStepLoop;
  private readonly tickStats = new TickStats();
  private readonly slowTicks: SlowTicks;
  private readonly rowsWritten: RowsWrittenCounter;
  private readonly checkpointer: Checkpointer;
  private readonly retention: StorageRetention;
  private readonly idleTimeoutMs: number;
  private readonly snapshotFlow: SnapshotFlowLimits;
  private readonly log: (where: string, error: unknown) => void;
  private readonly clock: Clock;
  private readonly seating: Seating;
  private readonly directory: DirectoryReporter;
  private lastCheckpointTick: number;

  constructor({ ctx, env, settings, features: all, clock, handlers, log }: RoomRuntimeSetup) {
    this.log = log;
    this.clock = clock;
    const now = () => clock.now();
    this.startedAt = now();
    const kind = (this.kind = settings.kind);
    const list = all.filter((feature) => !kind.withoutFeatures?.includes(feature.protocol.name));
    migrate(ctx.storage, roomMigrations(RoomFeatures.migrations(list)));
    backfillDefaultProfiles(ctx.storage, now());
    const sql = (this.rowsWritten = new RowsWrittenCounter(ctx.storage.sql, now));
    const meta = (this.meta = new RoomMetaStore(sql));
    settings.store(this.meta);
    const roomCode = () => meta.get(RoomMetaKey.code);
    this.slowTicks = new SlowTicks(roomCode);
    // Domain events go out in the background: the game action that caused one never waits for the queue.
    const publish = (event: DomainEvent) => publishFromRoom(env, event);
    const owner = (this.owner = new RoomOwner(this.meta));
    const profiles = new CharacterProfileStore(sql);
    const resumeTokens = new ResumeTokenStore(sql, resumeTokenTtlMs(env));
    this.sessionHistory = new SessionHistoryStore(sql);
    this.checkpointer = new Checkpointer(ctx.storage, profiles, new RoomCheckpointStore(sql), now);
    this.retention = new StorageRetention(sql);
    this.idleTimeoutMs = idleTimeoutMs(env);
    const tick = this.checkpointer.hydrate(this.meta.getNumber("tick", 0));
    const world = (this.world = new RoomWorld(WasmSim.fromModule(simModule), tick, kind, kind.scenery ? scenerySeed(sql) : undefined));
    this.lastCheckpointTick = world.tick;
    const end: EndConnection = (connection, code, reason, endReason) => this.sessions.end(connection, code, reason, endReason);
    const protocol = RoomFeatures.protocol(list);
    const hub = (this.hub = new ConnectionHub(
      protocol,
      clock,
      end,
      (connection, command, at) => runCommand({ hub, world, features: this.features, log }, connection, command, at),
      (now) => this.loop.behind(now),
    ));
    const rateLimits = new ActionRateLimits();
    const flooded = (player: PlayerEntity, now: number) => this.features.flooded(player, now);
    const cleared = (playerId: string) => this.features.clear(playerId);
    // Kinds with an interest radius send each connection what is near its player (interest/room-interest.ts).
    let interest: RoomInterest | undefined;
    const viewersOf = kind.interestRadius === undefined ? undefined : (entityId: string, involved: readonly string[]) => interest!.viewersOf(entityId, involved);
    const context = createRoomContext({ world, sql, env, clock, hub, owner, sessions: this.sessionHistory, rateLimits, end, flooded, cleared, viewersOf, roomCode, publish, log });
    this.features = new RoomFeatures(list, context, { sql, env, world, clock: context.clock });
    if (kind.interestRadius !== undefined) interest = new RoomInterest(world, this.features.channels, kind.interestRadius, hub);
    world.onInput = (player, input, catchUp) => this.features.input(player, input, catchUp);
    world.onLeaving = (player) => this.features.leaving(player);
    this.snapshotFlow = snapshotFlowLimits(env);
    this.publisher = new SnapshotPublisher(this.features.channels, protocol, this.snapshotFlow, interest);
    this.seating = new Seating(world);
    this.directory = this.reporter(env);
    this.loop = new FixedStepLoop(STEP_MS, MAX_CATCH_UP_STEPS, () => this.step(), (steps) => world.creditDroppedSteps(steps), clock);
    this.sessions = new SessionManager({
      hub,
      world,
      features: this.features,
      publisher: this.publisher,
      meta: this.meta,
      profiles,
      resumeTokens,
      sessions: this.sessionHistory,
      planner: new JoinPlanner(env, resumeTokens, profiles, now, log),
      seating: this.seating,
      changed: () => this.directory.changed(),
      membership: new RoomMembership(env, log),
      checkpointer: this.checkpointer,
      rateLimits,
      clock,
      handlers,
      checkpoint: () => this.writeCheckpoint(),
      started: () => this.loop.start(),
      emptied: () => this.loop.stop(),
      publish,
      log,
    });
    this.operator = new OperatorActions(hub, this.sessions, owner);
    const restored = hub.restore(ctx.getWebSockets(), world, profiles, this.sessionHistory, () => this.publisher.leastBusyPhase(hub.connections.values()));
    if (restored > 0) this.loop.start();
    this.pruneStorage();
  }

  /** A notice for one of the room's features from another Durable Object (RoomFeatures.notify). */
  notify(feature: string, notice: string, payload: unknown): Promise<boolean> {
    return this.features.notify(feature, notice, payload);
  }

  /** The public facts of `GET /api/rooms/:code`. */
  info(code: string): RoomInfo {
    const createdAt = this.meta.get("created_at");
    return {
      code,
      kind: this.kind.name,
      public: this.meta.get(RoomMetaKey.public) === "1",
      owner: this.owner.playerId ?? null,
      capacity: this.kind.capacity,
      players: this.hub.byPlayer.size,
      tickRate: TICK_RATE,
      snapshotRate: SNAPSHOT_RATE,
      createdAt: createdAt ? new Date(Number(createdAt)).toISOString() : null,
    };
  }

  /** What an operator reads (`GET /api/admin/rooms/:code`): the public facts and what the room costs. */
  diagnostics(code: string): RoomDiagnostics {
    const startOfToday = new Date(this.clock.now()).setUTCHours(0, 0, 0, 0);
    return {
      ...this.info(code),
      tick: this.world.tick,
      running: this.loop.running,
      droppedSteps: this.loop.droppedSteps,
      sessionsToday: this.sessionHistory.countSince(startOfToday),
      tickWorkMs: this.tickStats.summary(),
      rowsWritten: this.rowsWritten.summary(),
    };
  }

  /**
   * Seats for a matchmake (the directory asks; see SeatBook for why the room keeps them): all of the request's
   * players or none, in a public room of the asked kind. The answer carries the room's report after it.
   */
  reserveSeats(request: SeatRequest): SeatAnswer {
    if (request.kind !== this.kind.name || this.meta.get(RoomMetaKey.public) !== "1") return { ok: false, reason: "not_matchable" };
    const seats = this.seating.reserve(request.playerIds, this.clock.now());
    // A public room always has its code stored (at creation), so it always has a report.
    const report = this.directory.report();
    if (!report) return { ok: false, reason: "not_matchable" };
    return seats ? { ok: true, seats, report } : { ok: false, reason: "full", report };
  }

  /** Just created: a public room shows in the directory at once, before anyone joins. */
  created(): void {
    this.directory.changed();
  }

  private reporter(env: Env): DirectoryReporter {
    // Fixed once a room is created, so read once rather than every report; the code of a room opened by link is
    // stored at its first join, so it is read until known.
    const listed = this.meta.get(RoomMetaKey.public) === "1";
    let code = this.meta.get(RoomMetaKey.code);
    const region = this.meta.get(RoomMetaKey.region);
    const room = {
      code: () => (code ??= this.meta.get(RoomMetaKey.code)),
      listed: () => listed,
      figures: (roomCode: string) => this.figures(roomCode),
      picture: (now: number) => ({
        kind: this.kind.name,
        capacity: this.kind.capacity,
        ...(isRegion(region) ? { region } : {}),
        players: this.hub.byPlayer.size,
        occupied: this.world.players.size,
        reservedUntil: this.seating.reservedUntil(now),
        running: this.loop.running,
      }),
    };
    return new DirectoryReporter(env, room, () => this.clock.now(), this.log);
  }

  /** The operators' figures (ops/room-figures.ts): counters of this run, quantiles, cost, a row per player. */
  figures(code: string): RoomFigures {
    const now = this.clock.now();
    return roomFigures({
      code,
      kind: this.kind.name,
      startedAt: this.startedAt,
      now,
      runningMs: this.loop.runningMs(now),
      running: this.loop.running,
      rowsWritten: this.rowsWritten.total,
      tickStats: this.tickStats,
      hub: this.hub,
      world: this.world,
    });
  }

  // -- the loop ------------------------------------------------------------------------------------------------

  private step(): void {
    const started = performance.now();
    try {
      this.features.beforeStep();
      this.world.step();
      this.features.tick();
      this.sessions.expireLingering();
      const now = this.clock.now();
      this.publisher.publish(this.world, this.hub.connections.values(), now);
      this.directory.heartbeat(now);
      if (this.world.tick - this.lastCheckpointTick >= CHECKPOINT_EVERY_STEPS) this.writeCheckpoint();
      if (this.world.tick % IDLE_CHECK_EVERY_STEPS === 0) {
        this.hub.closeIdle(now, this.idleTimeoutMs);
        this.hub.closeNotReading(now, this.snapshotFlow);
      }
    } catch (error) {
      // One bad step must not stop the room; the next one runs as usual.
      this.log("step", error);
    }
    const ms = performance.now() - started;
    this.tickStats.record(ms);
    this.slowTicks.record(ms, this.clock.now());
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
      this.retention.maybePrune(this.clock.now(), this.world.players.keys());
    } catch (error) {
      this.log("prune storage", error);
    }
  }
}
