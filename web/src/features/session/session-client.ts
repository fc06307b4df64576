import { ErrorCode, sessionFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/**
 * The session on the page: a fresh resume token for a long session is the one a reload or reconnect presents; a
 * resume token the room no longer takes is said in the HUD (the page joined as a fresh player).
 */
export const sessionClient = defineClientFeature(sessionFeature, {
  events: {
    resume_token: (payload, context) => context.resumeStore.save(context.roomCode, payload.resumeToken, payload.resumeTokenTtl),
  },
  channels: {},
  error: (error, _seq, context) => {
    if (error.code !== ErrorCode.resumeRejected) return false;
    context.notify("previous session expired: joined fresh");
    return true;
  },
});
