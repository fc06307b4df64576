import { CloseCode, sessionFeature } from "@edgehold/protocol";
import { ResumeTokenStore, resumeTokenTtlMs } from "../../storage/resume-tokens.ts";
import { SessionEndReason } from "../../storage/session-history.ts";
import { defineServerFeature } from "../server-feature.ts";
import { handleSessionRefresh } from "./session-refresh-command.ts";
import { ResumeTokenRotation } from "./resume-token-rotation.ts";
import { handleResync } from "./resync-command.ts";
import { SESSION_EXPIRED_REASON, SessionExpiryWatch, sessionRefreshGraceMs } from "./session-expiry.ts";

/**
 * The connection's session: `resync` (a full snapshot next), `refresh` (a fresh Clerk token keeps the socket), and
 * on the room's ticks: sockets whose session ran out close (4001), long sessions get fresh resume tokens.
 */
export const sessionServer = defineServerFeature(sessionFeature, {
  state: ({ sql, env }) => ({
    rotation: new ResumeTokenRotation(new ResumeTokenStore(sql, resumeTokenTtlMs(env))),
    expiry: new SessionExpiryWatch(sessionRefreshGraceMs(env)),
  }),
  commands: {
    resync: handleResync,
    refresh: (room, command) => handleSessionRefresh(room.env, room.connection, command),
  },
  channels: {},
  hooks: {
    // The welcome handed this connection a token just now.
    join: ({ state, clock }, { connection }) => state.rotation.handedOut(connection, clock.now()),
    tick(room) {
      const now = room.clock.now();
      for (const connection of room.state.expiry.overdue(room.connections(), now)) {
        room.kick(connection, CloseCode.unauthorized, SESSION_EXPIRED_REASON, SessionEndReason.kicked);
      }
      room.state.rotation.run(room.connections(), now, (error) => room.log("resume token rotation", error));
    },
  },
});
