import type { Channel, ClientCommand, ErrorCode } from "@edgehold/protocol";
import type { RoomWorld, PlayerEntity } from "../room/room-world.ts";

/** A snapshot channel: how a feature's slice of the world looks to clients, entity id → flat fields. */
export interface SnapshotChannel<F extends object> {
  readonly name: Channel;
  collect(world: RoomWorld): Map<string, F>;
}

/** What a command handler may touch: the world, the sending player, and their connection's snapshot stream. */
export interface CommandContext {
  readonly world: RoomWorld;
  readonly player: PlayerEntity;
  /** Makes the next snapshot on this connection a `full` one. */
  requestFullSnapshot(): void;
}

/** A handled command is acked; `notice` is an extra `error` envelope the client should see (the ack still stands). */
export type CommandOutcome =
  | { ok: true; notice?: { code: ErrorCode; message: string } }
  | { ok: false; code: ErrorCode; message: string };

export type CommandHandler<C extends ClientCommand = ClientCommand> = (context: CommandContext, command: C) => CommandOutcome;
