/** A one-off happening worth a line in the HUD (a player joined, a build was refused, the connection dropped). */
export interface RoomEvent {
  at: number;
  text: string;
}

/** HUD lines kept. */
const MAX_EVENTS = 5;

/** The room's latest one-off lines for the HUD, oldest first (at most MAX_EVENTS). */
export class RoomEvents {
  readonly lines: RoomEvent[] = [];

  add(text: string): void {
    this.lines.push({ at: Date.now(), text });
    if (this.lines.length > MAX_EVENTS) this.lines.shift();
  }
}
