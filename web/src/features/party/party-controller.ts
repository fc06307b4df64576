import { createElement, type ReactNode } from "react";
import type { partyFeature } from "@edgehold/protocol";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { PartyHud } from "./PartyHud.tsx";
import { createPartyHudStore, partySummonsKey, type PartyFrameMember, type PartyHudStore, type RosterEntry } from "./party-hud-state.ts";

type PartySession = Pick<FeatureSession<typeof partyFeature>, "net" | "frame">;

/**
 * The party on screen: each frame, when the `party` channel or the roster changed, publishes the members present
 * (the party frame's HP bars) and the room's players (the panel's invite list) for React; nothing per frame else.
 */
export class PartyController implements FeatureController {
  readonly hud: ReactNode;
  private readonly store: PartyHudStore = createPartyHudStore();
  private seenParty = -1;
  private seenPresence = -1;

  constructor(private readonly session: PartySession) {
    this.hud = createElement(PartyHud, { store: this.store, summons: session.net.local(partySummonsKey) });
  }

  frame(): void {
    const { net } = this.session;
    const party = net.channelVersion("party");
    const presence = net.channelVersion("presence");
    if (party === this.seenParty && presence === this.seenPresence) return;
    this.seenParty = party;
    this.seenPresence = presence;
    const members: PartyFrameMember[] = [];
    for (const [entityId, fields] of net.replica.get("party") ?? []) {
      const { name, hp, maxHp } = fields as { name?: unknown; hp?: unknown; maxHp?: unknown };
      if (typeof hp !== "number" || typeof maxHp !== "number") continue;
      members.push({ entityId, name: typeof name === "string" ? name : entityId, hp, maxHp, self: entityId === net.selfEntityId });
    }
    const roster: RosterEntry[] = [];
    for (const info of this.session.frame.presence.values()) if (info.kind === "player") roster.push({ playerId: info.playerId, name: info.name });
    this.store.publish({ members, roster, selfPlayerId: net.welcome?.playerId });
  }

  debug(): { members: PartyFrameMember[] } {
    return { members: this.store.getSnapshot().members };
  }

  dispose(): void {}
}
