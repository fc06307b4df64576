import { MAX_STAMINA, PLAYER_MAX_HP } from "@edgehold/sim-core";
import { ExternalStore } from "../../hud/external-store.ts";

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

/** Before the first publish (the bars only show once the own hp is known): the sim's maxima, no score. */
const INITIAL_COMBAT_HUD: CombatHudState = {
  hp: undefined,
  maxHp: PLAYER_MAX_HP,
  stamina: 0,
  maxStamina: MAX_STAMINA,
  alive: true,
  respawnInSeconds: undefined,
  killedBy: undefined,
  kills: 0,
  deaths: 0,
  killFeed: [],
};

/** The combat HUD's store: the frame loop publishes (CombatController), React reads. */
export type CombatHudStore = ExternalStore<CombatHudState>;

export function createCombatHudStore(): CombatHudStore {
  return new ExternalStore(INITIAL_COMBAT_HUD);
}
