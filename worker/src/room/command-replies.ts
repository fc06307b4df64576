import { Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import type { CommandOutcome } from "../features/room-context.ts";
import type { Connection } from "./connection.ts";
import type { ConnectionHub, IncomingCommand } from "./connection-hub.ts";
import { errorMessage } from "./error-message.ts";
import type { RoomFeatures } from "./room-features.ts";
import type { RoomWorld } from "./room-world.ts";

/**
 * Runs a command through its feature and answers it: `ack` when accepted (unless the feature acknowledges it some
 * other way, as input batches are by `ackInputSeq`), `error` with the command's seq when refused. Handlers may be
 * async (session.refresh verifies a token); their answer goes out when they finish.
 */
export function runCommand(
  room: { hub: ConnectionHub; world: RoomWorld; features: RoomFeatures; log(where: string, error: unknown): void },
  connection: Connection,
  command: IncomingCommand,
  now: number,
): void {
  const player = room.world.players.get(connection.playerId);
  if (!player) return;
  const { outcome, ack } = room.features.dispatch(command, player, connection);
  const answer = (result: CommandOutcome) => {
    if (!result.ok) {
      const error = errorMessage(result.code, result.message, command.seq, result.details);
      if (result.strike === false) connection.send(error);
      else room.hub.reject(connection, error, now);
      return;
    }
    if (ack) connection.send({ v: PROTOCOL_VERSION, kind: Kind.ack, seq: command.seq, payload: { seq: command.seq } });
    if (result.notice) connection.send(errorMessage(result.notice.code, result.notice.message, command.seq));
  };
  if (outcome instanceof Promise) outcome.then(answer, (error) => room.log(`${command.feature}.${command.action}`, error));
  else answer(outcome);
}
