import { sessionFeature } from "@edgehold/protocol";
import { defineClientFeature } from "../client-feature.ts";

/** The session on the page: a fresh resume token for a long session is the one a reload or reconnect presents. */
export const sessionClient = defineClientFeature(sessionFeature, {
  events: {
    resume_token: (payload, context) => context.resumeStore.save(context.roomCode, payload.resumeToken, payload.resumeTokenTtl),
  },
  channels: {},
});
