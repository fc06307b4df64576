import { app } from "./app.ts";

export { RoomDurableObject } from "./room/room-durable-object.ts";
export { AccountDurableObject } from "./characters/account-durable-object.ts";
export { DirectoryDurableObject } from "./directory/directory-durable-object.ts";
export { PartyDurableObject } from "./parties/party-durable-object.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
