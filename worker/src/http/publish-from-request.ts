import type { Context } from "hono";
import { publishEvent, type DomainEvent } from "../ops/domain-events.ts";

/** Publishes a domain event from a request handler; the send outlives the response (waitUntil) and never fails it. */
export function publishFromRequest(c: Pick<Context<{ Bindings: Env }>, "env" | "executionCtx">, event: DomainEvent): void {
  let waitUntil = (_promise: Promise<unknown>) => {};
  try {
    const ctx = c.executionCtx;
    waitUntil = (promise) => ctx.waitUntil(promise);
  } catch {
    // `app.request` in a test has no execution context: the send still runs, nothing waits for it.
  }
  publishEvent(c.env, waitUntil, event);
}
