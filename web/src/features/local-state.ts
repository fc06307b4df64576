/** Names one piece of a feature's per-room state; `create` makes it (with the room client's clock, in ms). */
export interface LocalStateKey<T> {
  readonly create: (now: () => number) => T;
}

/**
 * A feature's own state for one room (a chat log, a queue of combat events): made on first use and kept as long as
 * the room's client, shared by the feature's event handlers and its controller (`local(key)` on either side).
 */
export function localState<T>(create: (now: () => number) => T): LocalStateKey<T> {
  return { create };
}
