/**
 * Bodies that stay in the world after their player left mid-fight (a feature's `linger` asked for it; combat: damage
 * dealt or taken within the last 10 s), so leaving is no escape: the body can still be hit and killed until its time is
 * up, and a rejoin before then takes it back. Stamped by tick, no timers.
 */
export class LingeringBodies {
  /** Player id → the tick their body leaves the world. */
  private readonly until = new Map<string, number>();

  get size(): number {
    return this.until.size;
  }

  hold(playerId: string, untilTick: number): void {
    this.until.set(playerId, untilTick);
  }

  /** The player is back (or removed another way): their body is theirs again. True when it was lingering. */
  release(playerId: string): boolean {
    return this.until.delete(playerId);
  }

  /** The players whose bodies are due to leave at `tick`, or `gone` early (and no longer held). */
  takeDue(tick: number, gone: (playerId: string) => boolean): string[] {
    const due: string[] = [];
    for (const [playerId, untilTick] of this.until) if (tick >= untilTick || gone(playerId)) due.push(playerId);
    for (const playerId of due) this.until.delete(playerId);
    return due;
  }
}
