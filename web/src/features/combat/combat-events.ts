import { localState } from "../client-feature.ts";

/** A `combat` event as the page keeps it (entity ids as the wire has them). */
export type CombatEvent =
  | { type: "hit"; target: string; source: string; damage: number; hp: number; crit: boolean }
  | { type: "death"; target: string; killer: string }
  | { type: "respawn"; target: string; x: number; y: number };

/** Events kept for the view between frames: a frame drains them; a hidden tab's backlog is capped. */
const MAX_QUEUED = 256;

/** The combat events a session received and its view has not drawn yet. */
export class CombatEventQueue {
  private events: CombatEvent[] = [];

  push(event: CombatEvent): void {
    this.events.push(event);
    if (this.events.length > MAX_QUEUED) this.events.shift();
  }

  drain(): CombatEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

/** This room's queue: one per room client, filled by the event handlers (combat-client.ts), drained by the view. */
export const combatEventsKey = localState(() => new CombatEventQueue());
