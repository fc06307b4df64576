import { channel, defineFeature, event } from "../define-feature.ts";
import type { JoinEventPayload, LeaveEventPayload, PresenceFields } from "./presence-types.ts";

/** Who is in the room: the `presence` channel, and join/leave events. Clients send it no commands. */
export const presenceFeature = defineFeature("presence", {
  commands: {},
  events: { join: event<JoinEventPayload>(), leave: event<LeaveEventPayload>() },
  channels: { presence: channel<PresenceFields>() },
});
