import { DurableObject } from "cloudflare:workers";
import { CloseCode, ErrorCode } from "@edgehold/protocol";
import { SERVER_FEATURES } from "../features/registry.ts";
import type { AnyServerFeature } from "../features/server-feature.ts";
import { SessionEndReason } from "../storage/session-history.ts";
import { systemClock, type Clock } from "./clock.ts";
import { errorMessage } from "./error-message.ts";
import { DomainEventType, publishFromRoom } from "../ops/domain-events.ts";
import { errorFields, logEvent } from "../ops/log.ts";
import type { RoomFigures } from "../ops/room-figures.ts";
import type { RoomDiagnostics, RoomInfo } from "./room-info.ts";
import { RoomRuntime } from "./room-runtime.ts";
import { createdRoom, creationFacts, linkedRoom, matchmadeRoom, roomExists, storedRoom, type RoomCreation, type RoomSettings } from "./room-settings.ts";
import { refusedSocket } from "./refused-socket.ts";
import type { SeatAnswer, SeatRequest } from "../directory/seat-request.ts";

/**
 * One room code = one instance. Glue only: the runtime's entry points, and when the room opens. A room exists once it
 * is created (`create`, from `POST /api/rooms`) or first joined by link; an object whose code was only looked up
 * (`info`) opens nothing and stores nothing. Everything a room does is its RoomRuntime's (room-runtime.ts).
 */
export class RoomDurableObject extends DurableObject<Env> {
  private runtime: RoomRuntime | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // An existing room opens at once: its loop may have sockets to serve (a restart, hibernated sockets).
    if (roomExists(ctx.storage.sql)) this.runtime = this.open(storedRoom(ctx.storage.sql, (where, error) => this.logError(where, error)));
  }

  /** The features this room runs: the registry's. A test room adds its own (see worker/test/feature-seam). */
  protected serverFeatures(): readonly AnyServerFeature[] {
    return SERVER_FEATURES;
  }

  /** The room's time and the timer of its loop: the runtime's. A test room runs on a clock it moves (see clock.ts). */
  protected roomClock(): Clock {
    return systemClock;
  }

  // -- entry points --------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    try {
      // A code opened by link that nobody created becomes a room of the default kind, without an owner.
      if (!this.runtime) {
        this.runtime = this.open(linkedRoom());
        this.created(this.ctx.id.name, { kind: this.runtime.kind.name, public: false, owner: null, by: "link" });
      }
      return await this.runtime.sessions.join(request);
    } catch (error) {
      // A failure before the socket exists (reading the joining player's profile, say): the client still gets a
      // close code and a reason rather than an opaque failed upgrade.
      this.logError("fetch", error);
      return refusedSocket(CloseCode.internalError, "the room failed to admit this connection; try again");
    }
  }

  override webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): void {
    const hub = this.runtime?.hub;
    try {
      if (!hub) throw new Error("a socket message for a room that is not open");
      hub.frame(socket, data);
    } catch (error) {
      this.logError("webSocketMessage", error);
      hub?.connections.get(socket)?.send(errorMessage(ErrorCode.internal, "the server failed to handle this frame"));
    }
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void {
    try {
      this.runtime?.sessions.clientClosed(socket, code, wasClean && code !== 1006 ? SessionEndReason.closed : SessionEndReason.dropped);
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
      // 1006: the connection failed without a close frame (what a client sees too).
      this.runtime?.sessions.clientClosed(socket, 1006, SessionEndReason.error);
    } catch (inner) {
      this.logError("webSocketError", inner);
    }
    this.logError("webSocketError(socket)", error);
  }

  /**
   * Makes this code a new room (`POST /api/rooms`): its kind, visibility and owner. False when the code is already a
   * room (the caller picks another code): a room's kind and owner are never overwritten.
   */
  async create(creation: RoomCreation): Promise<boolean> {
    if (this.runtime) return false;
    this.runtime = this.openCreated(creation, "create");
    this.runtime.created();
    return true;
  }

  /**
   * Seats for a matchmake (the directory's call, `SeatRequest`): a code that is no room yet becomes a matchmade room
   * of the kind (public, no owner, in the region); an existing one reserves if it is a public room of that kind and
   * the seats fit. The room decides: it is the authority on its own capacity.
   */
  async reserveSeats(request: SeatRequest): Promise<SeatAnswer> {
    if (!this.runtime) {
      const creation = matchmadeRoom(request);
      if (!creation) return { ok: false, reason: "not_matchable" };
      this.runtime = this.openCreated(creation, "matchmake");
    }
    return this.runtime.reserveSeats(request);
  }

  /** Room facts for `GET /api/rooms/:code`; null for a code that was never created or joined. */
  async info(roomCode: string): Promise<RoomInfo | null> {
    return this.runtime?.info(roomCode) ?? null;
  }

  /** Room facts and costs for the admin API; null for a code that was never created or joined. */
  async diagnostics(roomCode: string): Promise<RoomDiagnostics | null> {
    return this.runtime?.diagnostics(roomCode) ?? null;
  }

  /** The operators' figures (ops/room-figures.ts); null for a code that was never created or joined. */
  async figures(roomCode: string): Promise<RoomFigures | null> {
    return this.runtime?.figures(roomCode) ?? null;
  }

  /** The admin API's kick: closes `playerId`'s connection with 4004 and `reason`; false when they are not connected. */
  async operatorKick(playerId: string, reason: string): Promise<boolean> {
    return this.runtime?.operator.kick(playerId, reason) ?? false;
  }

  /** The admin API's close: every socket 4010 "room closed by the operator"; how many were closed (null: no room). */
  async operatorClose(): Promise<number | null> {
    return this.runtime ? this.runtime.operator.close() : null;
  }

  /** The admin API's broadcast: a chat system line to everyone here; how many it reached (null: no room). */
  async operatorBroadcast(text: string): Promise<number | null> {
    return this.runtime ? this.runtime.operator.broadcast(text) : null;
  }

  /** The admin API's owner assignment; false when there is no such room. */
  async operatorSetOwner(playerId: string): Promise<boolean> {
    if (!this.runtime) return false;
    this.runtime.operator.setOwner(playerId);
    return true;
  }

  /** Whether `connectionId` is connected here now (the account asks before it evicts for the rooms-per-user cap). */
  async hasConnection(connectionId: string): Promise<boolean> {
    return this.runtime?.hub.connectionWithId(connectionId) !== undefined;
  }

  /** Whether `playerId` is connected here now (a party formed from this room asks, to reach them here). */
  async hasPlayer(playerId: string): Promise<boolean> {
    return this.runtime?.hub.byPlayer.has(playerId) ?? false;
  }

  /** The user joined too many rooms and this one is the oldest: close their connection (if it is still this one). */
  async evictPlayer(playerId: string, connectionId: string, reason: string): Promise<boolean> {
    return this.runtime?.sessions.evict(playerId, connectionId, reason) ?? false;
  }

  /**
   * A notice from another Durable Object for one of this room's features (a party: its members now, a summon). False
   * when the room is not open or no feature handles it; nothing opens a room for a notice.
   */
  async notify(feature: string, notice: string, payload: unknown): Promise<boolean> {
    return (await this.runtime?.notify(feature, notice, payload)) ?? false;
  }

  private open(settings: RoomSettings): RoomRuntime {
    return new RoomRuntime({
      ctx: this.ctx,
      env: this.env,
      settings,
      features: this.serverFeatures(),
      clock: this.roomClock(),
      handlers: this,
      log: (where, error) => this.logError(where, error),
    });
  }

  /** Opens a room made now (`create`, `reserveSeats`), and says so (`room.created`). */
  private openCreated(creation: RoomCreation, by: "create" | "matchmake"): RoomRuntime {
    const runtime = this.open(createdRoom(creation, this.roomClock().now()));
    this.created(creation.code, creationFacts(creation, by));
    return runtime;
  }

  /** `room.created`: logged and published (in the background: the room opens whatever the queue does). */
  private created(code: string | undefined, data: Record<string, unknown>): void {
    logEvent("info", "room.created", { room: code, ...data });
    publishFromRoom(this.env, { type: DomainEventType.roomCreated, at: this.roomClock().now(), ...(code ? { room: code } : {}), data });
  }

  private logError(where: string, error: unknown): void {
    logEvent("error", "room.error", { room: this.ctx.id.name, where, ...errorFields(error) });
  }
}
