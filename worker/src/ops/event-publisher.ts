import { WorkerEntrypoint } from "cloudflare:workers";
import { publishEvent, type DomainEvent } from "./domain-events.ts";

/** Sends rooms' domain events to the `EVENTS` queue, from an invocation of its own (see publishFromRoom). */
export class EventPublisher extends WorkerEntrypoint<Env> {
  async publish(event: DomainEvent): Promise<void> {
    publishEvent(this.env, (promise) => this.ctx.waitUntil(promise), event);
  }
}
