import { useSyncExternalStore } from "react";
import { useIdentity } from "../../identity/identity-context.tsx";
import { PartyFrame } from "./PartyFrame.tsx";
import { PartyPanel } from "./PartyPanel.tsx";
import type { PartyHudStore, PartySummons } from "./party-hud-state.ts";
import { useMyParty } from "./use-my-party.ts";

/** The party's HUD: the frame of members' HP bars and the panel that forms the party. */
export function PartyHud({ store, summons }: { store: PartyHudStore; summons: PartySummons }) {
  const identity = useIdentity();
  const hud = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const pushed = useSyncExternalStore(summons.subscribe, summons.getSnapshot);
  // Who is in the frame changing means the party changed: the panel asks the server at once.
  const { mine, error, act } = useMyParty(identity, hud.members.map((m) => m.entityId).join(","));
  const summon = pushed ?? mine.summon ?? undefined;
  return (
    <div className="party-hud">
      <PartyFrame members={hud.members} />
      <PartyPanel identity={identity} mine={mine} error={error} act={act} roster={hud.roster} selfPlayerId={hud.selfPlayerId} summon={summon} />
    </div>
  );
}
