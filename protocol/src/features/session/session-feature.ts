import { command, defineFeature, event, parseEmpty } from "../define-feature.ts";
import { parseSessionRefresh } from "./session-refresh-validator.ts";
import type { ResumeTokenEventPayload } from "./session-types.ts";

/**
 * The connection's session: `resync` asks for a full snapshot, `refresh` swaps in a fresh session token, and the
 * server hands out fresh resume tokens during long sessions.
 */
export const sessionFeature = defineFeature("session", {
  commands: { resync: command(parseEmpty), refresh: command(parseSessionRefresh) },
  events: { resume_token: event<ResumeTokenEventPayload>() },
  channels: {},
  errors: {
    refresh_rejected: "A `session.refresh` whose token did not verify or belongs to another user; the held session is unchanged.",
  },
});
