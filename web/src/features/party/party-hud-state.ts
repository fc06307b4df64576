import type { PartySummonPayload } from "@edgehold/protocol";
import { ExternalStore } from "../../hud/external-store.ts";
import { localState } from "../local-state.ts";

/** One member present in the room, from the `party` channel. */
export interface PartyFrameMember {
  entityId: string;
  name: string;
  hp: number;
  maxHp: number;
  self: boolean;
}

/** A player in the room (presence), for inviting by name. */
export interface RosterEntry {
  playerId: string;
  name: string;
}

/** What the party HUD shows, one immutable value per publish (PartyController). */
export interface PartyHudState {
  members: PartyFrameMember[];
  roster: RosterEntry[];
  selfPlayerId: string | undefined;
}

export type PartyHudStore = ExternalStore<PartyHudState>;

export function createPartyHudStore(): PartyHudStore {
  return new ExternalStore<PartyHudState>({ members: [], roster: [], selfPlayerId: undefined });
}

/** The summons this room's socket delivered (event `party.summon`); the panel offers the newest. */
export class PartySummons extends ExternalStore<PartySummonPayload | undefined> {
  constructor() {
    super(undefined);
  }
}

export const partySummonsKey = localState(() => new PartySummons());
