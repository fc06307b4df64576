import { chatFeature, CloseCode, eventMessage } from "@edgehold/protocol";
import type { RoomOwner } from "../storage/room-owner.ts";
import { SessionEndReason } from "../storage/session-history.ts";
import type { ConnectionHub } from "./connection-hub.ts";
import type { SessionManager } from "./session-manager.ts";

/** The close reason of `/close`: every socket of the room gets 4010 with it. */
export const CLOSED_BY_OPERATOR = "room closed by the operator";

/**
 * What an operator does to a room through the admin API (ARCHITECTURE.md "Operations"), whoever owns it: kick a
 * player (4004), close the room (every socket 4010), say something to everyone (a chat system line), hand the room
 * to a player.
 */
export class OperatorActions {
  constructor(
    private readonly hub: ConnectionHub,
    private readonly sessions: SessionManager,
    private readonly owner: RoomOwner,
  ) {}

  /** Closes `playerId`'s connection with 4004; false when they are not connected. */
  kick(playerId: string, reason: string): boolean {
    const connection = this.hub.byPlayer.get(playerId);
    if (!connection) return false;
    this.sessions.end(connection, CloseCode.kicked, reason, SessionEndReason.kicked);
    return true;
  }

  /** Closes every socket with 4010; how many there were. The room itself stays (anyone may join it again). */
  close(): number {
    const connections = [...this.hub.connections.values()];
    for (const connection of connections) this.sessions.end(connection, CloseCode.closedByOperator, CLOSED_BY_OPERATOR, SessionEndReason.kicked);
    return connections.length;
  }

  /** A chat system line to everyone connected; how many connections it went to. */
  broadcast(text: string): number {
    this.hub.broadcast(eventMessage(chatFeature, "system", { text }));
    return this.hub.connections.size;
  }

  /** Hands the room to `playerId` (stored first), and tells them if they are here. */
  setOwner(playerId: string): void {
    this.owner.handTo(playerId);
    this.hub.send(playerId, eventMessage(chatFeature, "system", { text: "The operator made you this room's owner." }));
  }
}
