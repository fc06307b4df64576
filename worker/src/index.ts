import { app } from "./app.ts";
import { consumeEvents } from "./ops/event-log-durable-object.ts";
import type { DomainEvent } from "./ops/domain-events.ts";

export { RoomDurableObject } from "./room/room-durable-object.ts";
export { AccountDurableObject } from "./characters/account-durable-object.ts";
export { DirectoryDurableObject } from "./directory/directory-durable-object.ts";
export { PartyDurableObject } from "./parties/party-durable-object.ts";
export { EventLogDurableObject } from "./ops/event-log-durable-object.ts";
export { EventPublisher } from "./ops/event-publisher.ts";

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeEvents(batch, env),
} satisfies ExportedHandler<Env, DomainEvent>;
