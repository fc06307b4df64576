import { app } from "./app.ts";

export { RoomDurableObject } from "./room/room-durable-object.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
