import { errorFields, logEvent } from "./log.ts";

/** The domain events of ARCHITECTURE.md "Operations" (seed 001), as they go on the `EVENTS` queue. */
export const DomainEventType = {
  roomCreated: "room.created",
  playerJoined: "player.joined",
  /** `data.code`: the close code the connection ended with. */
  playerLeft: "player.left",
  /** `data.by`: the killer's playerId (absent for a creature or the world). */
  playerKilled: "player.killed",
  /** `data.by`: who banned them. */
  playerBanned: "player.banned",
  characterCreated: "character.created",
  characterDeleted: "character.deleted",
} as const;
export type DomainEventType = (typeof DomainEventType)[keyof typeof DomainEventType];

/** One domain event as published: the log (event-log-durable-object.ts) adds its `id`. */
export interface DomainEvent {
  type: DomainEventType;
  /** Epoch milliseconds. */
  at: number;
  room?: string;
  player?: string;
  data: Record<string, unknown>;
}

/** The queue binding (a deployment without one publishes nothing). */
export interface EventsEnv {
  EVENTS?: Queue;
}

/**
 * Publishes `event` on the `EVENTS` queue without holding up the game action that caused it: the send runs in the
 * background (`waitUntil`), and a failure is logged, never thrown. An action must not fail because the event bus did.
 */
export function publishEvent(env: EventsEnv, waitUntil: (promise: Promise<unknown>) => void, event: DomainEvent): void {
  const queue = env.EVENTS;
  if (!queue) return;
  try {
    waitUntil(queue.send(event).catch((error: unknown) => logEvent("error", "events.publish_failed", { type: event.type, room: event.room, player: event.player, ...errorFields(error) })));
  } catch (error) {
    logEvent("error", "events.publish_failed", { type: event.type, room: event.room, player: event.player, ...errorFields(error) });
  }
}

/**
 * Where rooms hand their events: this worker's own `EventPublisher` entrypoint (a service binding to itself,
 * wrangler.toml `EVENT_PUBLISHER`), which sends them to the queue. Why not `EVENTS.send` from the room: a send in
 * flight when a Durable Object is reset crashed workerd (the workerd tests' `abortAllDurableObjects` right after a
 * player left: signal 11); through the entrypoint the send runs in a stateless invocation of its own.
 */
export interface RoomEventsEnv {
  EVENT_PUBLISHER?: { publish(event: DomainEvent): Promise<void> };
}

/** A room's publish: to the entrypoint when bound, else straight to the queue; never throws, never waited for. */
export function publishFromRoom(env: RoomEventsEnv & EventsEnv, event: DomainEvent): void {
  const publisher = env.EVENT_PUBLISHER;
  if (!publisher) return publishEvent(env, () => {}, event);
  publisher.publish(event).catch((error: unknown) => logEvent("error", "events.publish_failed", { type: event.type, room: event.room, player: event.player, ...errorFields(error) }));
}
