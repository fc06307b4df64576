import type { ChatMessagePayload } from "@edgehold/protocol";

let nextId = 1;

/** A chat line as the room sends it (Ann says "hello" to the room), with `overrides`. */
export function said(overrides: Partial<ChatMessagePayload> = {}): ChatMessagePayload {
  return { id: nextId++, from: "user_ann", name: "Ann", text: "hello", scope: "room", at: 1_700_000_000_000, entity: "2", ...overrides };
}
