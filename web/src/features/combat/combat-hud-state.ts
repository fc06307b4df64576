/** One line of the kill feed. */
export interface KillFeedEntry {
  id: number;
  killer: string;
  target: string;
  /** The own player killed or was killed: highlighted. */
  involvesSelf: boolean;
}

/** What the combat HUD shows, one immutable value per publish. */
export interface CombatHudState {
  /** Undefined until the combat channel lists the own body. */
  hp: number | undefined;
  maxHp: number;
  stamina: number;
  maxStamina: number;
  alive: boolean;
  /** Whole seconds until the own respawn (while dead and the room said when). */
  respawnInSeconds: number | undefined;
  killedBy: string | undefined;
  kills: number;
  deaths: number;
  killFeed: KillFeedEntry[];
}

export const INITIAL_COMBAT_HUD: CombatHudState = {
  hp: undefined,
  maxHp: 100,
  stamina: 0,
  maxStamina: 100,
  alive: true,
  respawnInSeconds: undefined,
  killedBy: undefined,
  kills: 0,
  deaths: 0,
  killFeed: [],
};

/** A tiny external store for React's useSyncExternalStore (as HudStore): the frame loop publishes, React reads. */
export class CombatHudStore {
  private state: CombatHudState = INITIAL_COMBAT_HUD;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CombatHudState => this.state;

  publish(state: CombatHudState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
